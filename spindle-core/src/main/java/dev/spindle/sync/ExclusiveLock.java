package dev.spindle.sync;

import java.time.Duration;

/**
 * A lock that threads of several processes or machines take in turn, released if its holder's
 * process dies: the one shape of {@code SharedLock} (worker JVMs of one machine) and of a cluster's
 * lock ({@code Cluster.lock}). Within one JVM, use {@link java.util.concurrent.locks.ReentrantLock}.
 */
public interface ExclusiveLock {

    /** Waits until the lock is this thread's. */
    void lock() throws InterruptedException;

    /** Waits at most {@code timeout} for the lock; whether this thread got it. */
    boolean tryLock(Duration timeout) throws InterruptedException;

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it
     */
    void unlock();

    /** Whether this thread holds the lock. */
    boolean isHeldByCurrentThread();
}
