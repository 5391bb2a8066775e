package dev.spindle.sync;

import java.time.Duration;

/**
 * Permits shared by several processes or machines, returned if a holder's process dies: the one
 * shape of {@code SharedSemaphore} (worker JVMs of one machine) and of a cluster's semaphore
 * ({@code Cluster.semaphore}). Within one JVM, use {@link java.util.concurrent.Semaphore} or
 * {@link BoundedSemaphore}.
 */
public interface CountingSemaphore {

    /** Waits until a permit is free and takes it. */
    void acquire() throws InterruptedException;

    /** Waits at most {@code timeout} for a permit; whether it took one. */
    boolean tryAcquire(Duration timeout) throws InterruptedException;

    /** Returns a permit. */
    void release();

    /** How many permits are free now. */
    long availablePermits();
}
