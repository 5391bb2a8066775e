package dev.spindle.cluster;

import dev.spindle.cluster.internal.ClusterMember;
import dev.spindle.sync.AtomicCounter;
import org.apache.ignite.IgniteAtomicLong;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * A {@code long} that every member updates atomically ({@code Cluster.counter}). A small handle:
 * tasks capture it, and it finds the counter on whichever member runs them.
 */
public final class ClusterCounter implements AtomicCounter, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String name;
    private transient volatile IgniteAtomicLong counter;

    ClusterCounter(String cluster, String name) {
        this.cluster = cluster;
        this.name = Objects.requireNonNull(name, "name");
        counter();
    }

    private IgniteAtomicLong counter() {
        IgniteAtomicLong c = counter;
        if (c == null) {
            c = ClusterMember.local(cluster).ignite().atomicLong("spindle-counter-" + name, 0, true);
            counter = c;
        }
        return c;
    }

    /** The counter's name in its cluster. */
    public String name() {
        return name;
    }

    @Override
    public long get() {
        return counter().get();
    }

    @Override
    public void set(long newValue) {
        counter().getAndSet(newValue);
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        return counter().compareAndSet(expected, update);
    }

    @Override
    public long getAndAdd(long delta) {
        return counter().getAndAdd(delta);
    }

    @Override
    public long addAndGet(long delta) {
        return counter().addAndGet(delta);
    }

    @Override
    public String toString() {
        return "ClusterCounter[" + name + " in " + cluster + "]";
    }
}
