package dev.spindle.cluster;

import dev.spindle.cluster.internal.ClusterMember;
import org.apache.ignite.IgniteCountDownLatch;
import org.apache.ignite.IgniteInterruptedException;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A count down that threads of every member wait on ({@code Cluster.latch}), as
 * {@link java.util.concurrent.CountDownLatch} in one JVM. A small handle: tasks capture it, and it
 * finds the latch on whichever member runs them.
 */
public final class ClusterLatch implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String name;
    private final int count;
    private transient volatile IgniteCountDownLatch latch;

    ClusterLatch(String cluster, String name, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a latch counts down from 0 or more, was " + count);
        }
        this.cluster = cluster;
        this.name = Objects.requireNonNull(name, "name");
        this.count = count;
        latch();
    }

    private IgniteCountDownLatch latch() {
        IgniteCountDownLatch l = latch;
        if (l == null) {
            l = ClusterMember.local(cluster).ignite().countDownLatch("spindle-latch-" + name, count, false, true);
            latch = l;
        }
        return l;
    }

    /** The latch's name in its cluster. */
    public String name() {
        return name;
    }

    /** Counts down by one; at zero, every waiter goes on. */
    public void countDown() {
        latch().countDown();
    }

    /** How far the latch still has to count. */
    public long count() {
        return latch().count();
    }

    /** Waits at most {@code timeout} for the count to reach zero; whether it did. */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            return latch().await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (IgniteInterruptedException e) {
            throw Interruptions.of(e);
        }
    }

    @Override
    public String toString() {
        return "ClusterLatch[" + name + " in " + cluster + "]";
    }
}
