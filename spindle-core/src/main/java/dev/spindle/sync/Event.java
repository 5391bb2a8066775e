package dev.spindle.sync;

import dev.spindle.internal.Timeouts;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A flag that threads wait on: {@link #set()} raises it and wakes every waiter, {@link #clear()}
 * lowers it, {@link #await()} blocks while it is down. Unlike a
 * {@link java.util.concurrent.CountDownLatch} it can be lowered and raised again.
 *
 * <p>A waiter woken by {@code set()} returns even if another thread clears the flag before the
 * waiter runs again: each {@code set()} of a lowered flag opens a new generation, and a waiter
 * returns once the generation it started in has ended. So a {@code set()} followed at once by a
 * {@code clear()} still releases everyone who was waiting, like Python's
 * {@code threading.Event}.
 */
public final class Event {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private volatile boolean set;
    private long generation; // guarded by lock

    /** A lowered event. */
    public Event() {}

    /** Raises the flag and wakes every waiting thread. Does nothing if it is already raised. */
    public void set() {
        lock.lock();
        try {
            if (!set) {
                set = true;
                generation++;
                raised.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lowers the flag: later waiters block until the next {@link #set()}. */
    public void clear() {
        lock.lock();
        try {
            set = false;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the flag is raised. */
    public boolean isSet() {
        return set;
    }

    /**
     * Blocks until the flag is raised; returns at once if it is.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void await() throws InterruptedException {
        if (set) {
            return;
        }
        lock.lockInterruptibly();
        try {
            long started = generation;
            while (!set && generation == started) {
                raised.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until the flag is raised or {@code timeout} passes, read by the
     * {@linkplain dev.spindle##timeouts timeout rule}.
     *
     * @return {@code true} if the flag was raised, {@code false} if the time ran out first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanosSaturated(Objects.requireNonNull(timeout, "timeout"));
        if (set) {
            return true;
        }
        lock.lockInterruptibly();
        try {
            long started = generation;
            while (!set && generation == started) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = raised.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Event[" + (set ? "set" : "clear") + "]";
    }

}
