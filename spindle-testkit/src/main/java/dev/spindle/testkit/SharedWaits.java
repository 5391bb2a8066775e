package dev.spindle.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition in shared memory that another process may change. Nothing can wake a
 * thread of this process when another process writes to a mapped file, so the waiter polls: it
 * spins briefly (the condition is often about to hold), then parks for a pause that doubles up to
 * {@link #MAX_PAUSE_NANOS}, and gives up at the timeout. The pause bounds how late a waiter sees
 * the change; it is not a sleep that synchronises anything, since the condition is read again
 * after every pause.
 */
final class SharedWaits {

    private static final int SPINS = 100;
    private static final long MIN_PAUSE_NANOS = 1_000;
    static final long MAX_PAUSE_NANOS = 1_000_000;

    private SharedWaits() {}

    /**
     * Waits until {@code condition} holds or {@code timeout} has passed. A timeout of zero or less
     * checks once.
     *
     * @return whether the condition held
     * @throws InterruptedException if the thread is interrupted before or while it waits
     */
    static boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (condition.getAsBoolean()) {
            return true;
        }
        long start = System.nanoTime();
        long limit = saturatedNanos(timeout);
        long pause = MIN_PAUSE_NANOS;
        for (int spins = 0; ; ) {
            long left = limit - (System.nanoTime() - start);
            if (left <= 0) {
                return false;
            }
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(Math.min(pause, left));
                pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (condition.getAsBoolean()) {
                return true;
            }
        }
    }

    private static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
