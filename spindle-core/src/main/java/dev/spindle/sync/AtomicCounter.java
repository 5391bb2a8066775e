package dev.spindle.sync;

/**
 * A {@code long} that several processes or machines update atomically: the one shape of
 * {@code SharedAtomicLong} (worker JVMs of one machine, in shared memory) and of a cluster's
 * counter ({@code Cluster.counter}), so that code counting across processes does not care which
 * it was given. Within one JVM, use {@link java.util.concurrent.atomic.AtomicLong}.
 */
public interface AtomicCounter {

    long get();

    void set(long newValue);

    /** Sets {@code update} if the value is {@code expected}; whether it did. */
    boolean compareAndSet(long expected, long update);

    /** Adds {@code delta} and returns the value before. */
    long getAndAdd(long delta);

    /** Adds {@code delta} and returns the value after. */
    long addAndGet(long delta);

    /** Adds one and returns the value after. */
    default long incrementAndGet() {
        return addAndGet(1);
    }
}
