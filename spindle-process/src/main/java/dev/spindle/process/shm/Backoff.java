package dev.spindle.process.shm;

import java.util.concurrent.locks.LockSupport;

/**
 * How a waiter on a cross-process primitive waits: there is no futex to park on across JVMs, so it
 * spins briefly (the holder usually lets go within microseconds), then yields, then sleeps for
 * growing intervals up to a millisecond, so a long wait costs almost no CPU. Checks interrupts.
 */
final class Backoff {

    private static final int SPINS = 100;
    private static final int YIELDS = 10;
    private static final long MAX_PARK_NANOS = 1_000_000;

    /** A timeout in nanoseconds: zero for a negative one, {@code Long.MAX_VALUE} for one too long to count. */
    static long nanos(java.time.Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private int rounds;
    private long park = 1_000;

    /** Waits a little, longer each time. @throws InterruptedException if the thread is interrupted */
    void pause() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        rounds++;
        if (rounds <= SPINS) {
            Thread.onSpinWait();
        } else if (rounds <= SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(park);
            park = Math.min(MAX_PARK_NANOS, park * 2);
        }
    }

    /** Whether the waiter has been at it long enough to check on the holder (every 64 rounds past spinning). */
    boolean timeToCheck() {
        return rounds > SPINS && (rounds & 63) == 0 || rounds == SPINS;
    }
}
