package dev.spindle.cluster;

import dev.spindle.cluster.internal.ClusterMember;
import dev.spindle.cluster.internal.Payloads;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteQueue;
import org.apache.ignite.configuration.CollectionConfiguration;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A queue that every member puts to and takes from ({@code Cluster.queue}), as a
 * {@link BlockingQueue}: the seeds' {@code multiprocessing.Queue} across machines. Values travel
 * serialised, as tasks do, so their classes must be on every member's class path. A small handle:
 * tasks capture it, and it finds the queue on whichever member runs them.
 *
 * @param <T> the values' type
 */
public final class ClusterQueue<T> extends AbstractQueue<T> implements BlockingQueue<T>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String name;
    private final int capacity;
    private transient volatile IgniteQueue<byte[]> queue;

    ClusterQueue(String cluster, String name, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a queue's capacity is 0 (no bound) or more, was " + capacity);
        }
        this.cluster = cluster;
        this.name = Objects.requireNonNull(name, "name");
        this.capacity = capacity;
        queue();
    }

    private IgniteQueue<byte[]> queue() {
        IgniteQueue<byte[]> q = queue;
        if (q == null) {
            q = ClusterMember.local(cluster).ignite().queue("spindle-queue-" + name, capacity, new CollectionConfiguration().setBackups(1));
            queue = q;
        }
        return q;
    }

    /** The queue's name in its cluster. */
    public String name() {
        return name;
    }

    private byte[] in(T value) {
        return Payloads.store(Objects.requireNonNull(value, "value"), "cluster queue '" + name + "'");
    }

    @SuppressWarnings("unchecked")
    private T out(byte[] bytes) {
        return (T) Payloads.load(bytes, ClusterMember.local(cluster).classes(), "cluster queue '" + name + "'");
    }

    @Override
    public boolean offer(T value) {
        return queue().offer(in(value));
    }

    @Override
    public void put(T value) throws InterruptedException {
        try {
            queue().put(in(value));
        } catch (IgniteInterruptedException e) {
            throw Interruptions.of(e);
        }
    }

    @Override
    public boolean offer(T value, long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return queue().offer(in(value), timeout, unit);
        } catch (IgniteInterruptedException e) {
            throw Interruptions.of(e);
        }
    }

    @Override
    public T take() throws InterruptedException {
        try {
            return out(queue().take());
        } catch (IgniteInterruptedException e) {
            throw Interruptions.of(e);
        }
    }

    @Override
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return out(queue().poll(timeout, unit));
        } catch (IgniteInterruptedException e) {
            throw Interruptions.of(e);
        }
    }

    @Override
    public T poll() {
        return out(queue().poll());
    }

    @Override
    public T peek() {
        return out(queue().peek());
    }

    @Override
    public int remainingCapacity() {
        return capacity == 0 ? Integer.MAX_VALUE : capacity - queue().size();
    }

    @Override
    public int drainTo(Collection<? super T> into) {
        return drainTo(into, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super T> into, int max) {
        int drained = 0;
        for (byte[] next; drained < max && (next = queue().poll()) != null; drained++) {
            into.add(out(next));
        }
        return drained;
    }

    @Override
    public Iterator<T> iterator() {
        Iterator<byte[]> values = queue().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public T next() {
                return out(values.next());
            }
        };
    }

    @Override
    public int size() {
        return queue().size();
    }

    @Override
    public String toString() {
        return "ClusterQueue[" + name + " in " + cluster + "]";
    }
}
