package dev.spindle.cluster;

import dev.spindle.cluster.internal.ClusterMember;
import dev.spindle.sync.CountingSemaphore;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteSemaphore;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Permits shared by every member ({@code Cluster.semaphore}); those a member holds come back when
 * it leaves the cluster. A small handle: tasks capture it, and it finds the semaphore on whichever
 * member runs them.
 */
public final class ClusterSemaphore implements CountingSemaphore, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String name;
    private final int permits;
    private transient volatile IgniteSemaphore semaphore;

    ClusterSemaphore(String cluster, String name, int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore needs 0 or more permits, was " + permits);
        }
        this.cluster = cluster;
        this.name = Objects.requireNonNull(name, "name");
        this.permits = permits;
        semaphore();
    }

    private IgniteSemaphore semaphore() {
        IgniteSemaphore s = semaphore;
        if (s == null) {
            s = ClusterMember.local(cluster).ignite().semaphore("spindle-semaphore-" + name, permits, true, true);
            semaphore = s;
        }
        return s;
    }

    /** The semaphore's name in its cluster. */
    public String name() {
        return name;
    }

    @Override
    public void acquire() throws InterruptedException {
        try {
            semaphore().acquire();
        } catch (IgniteInterruptedException e) {
            throw Interruptions.of(e);
        }
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        try {
            return semaphore().tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (IgniteInterruptedException e) {
            throw Interruptions.of(e);
        }
    }

    @Override
    public void release() {
        semaphore().release();
    }

    @Override
    public long availablePermits() {
        return semaphore().availablePermits();
    }

    @Override
    public String toString() {
        return "ClusterSemaphore[" + name + " in " + cluster + "]";
    }
}
