package dev.spindle.cluster;

import dev.spindle.cluster.internal.ClusterMember;
import dev.spindle.sync.ExclusiveLock;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteLock;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A lock that threads of every member take in turn ({@code Cluster.lock}); released when the
 * member holding it leaves the cluster. Reentrant. A small handle: tasks capture it, and it finds
 * the lock on whichever member runs them.
 */
public final class ClusterLock implements ExclusiveLock, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String name;
    private transient volatile IgniteLock lock;

    ClusterLock(String cluster, String name) {
        this.cluster = cluster;
        this.name = Objects.requireNonNull(name, "name");
        ignite();
    }

    private IgniteLock ignite() {
        IgniteLock l = lock;
        if (l == null) {
            l = ClusterMember.local(cluster).ignite().reentrantLock("spindle-lock-" + name, true, false, true);
            lock = l;
        }
        return l;
    }

    /** The lock's name in its cluster. */
    public String name() {
        return name;
    }

    @Override
    public void lock() throws InterruptedException {
        try {
            ignite().lockInterruptibly();
        } catch (IgniteInterruptedException e) {
            throw Interruptions.of(e);
        }
    }

    @Override
    public boolean tryLock(Duration timeout) throws InterruptedException {
        try {
            return ignite().tryLock(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (IgniteInterruptedException e) {
            throw Interruptions.of(e);
        }
    }

    @Override
    public void unlock() {
        if (!ignite().isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("this thread does not hold cluster lock '" + name + "'");
        }
        ignite().unlock();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return ignite().isHeldByCurrentThread();
    }

    @Override
    public String toString() {
        return "ClusterLock[" + name + " in " + cluster + "]";
    }
}
