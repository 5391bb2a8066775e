package dev.spindle.sync;

import dev.spindle.internal.Timeouts;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking FIFO queue that also counts unfinished work: every {@link #put} adds one item of
 * work, every {@link #taskDone()} marks one finished, and {@link #join()} waits until all are.
 * Python's {@code queue.Queue} with {@code task_done()}, {@code join()} and (3.13)
 * {@code shutdown()}: producers put, consumers take and call {@code taskDone()} once they have
 * handled an item, and the producer joins to learn that everything was handled, not merely
 * taken. {@link #shutdown()} ends the consumers' loops without poison pills.
 *
 * <pre>{@code
 * // consumer                                  // producer
 * while (true) {                               for (Job job : jobs) queue.put(job);
 *     Job job;                                 queue.join();        // all handled
 *     try { job = queue.take(); }              queue.shutdown();    // consumers return
 *     catch (WorkQueue.ShutDownException e) { return; }
 *     try { handle(job); } finally { queue.taskDone(); }
 * }
 * }</pre>
 *
 * <h2>Implementation overview</h2>
 * One lock guards the items, the unfinished count and the shut-down flag, so an item is counted
 * in the same step that makes it visible and {@code join()} can never return between the two.
 * Three conditions: not empty (takers), not full (putters on a bounded queue), all done (joiners).
 * {@code null} elements are refused.
 *
 * @param <E> the element type
 */
public final class WorkQueue<E> {

    /** Thrown by {@code put} after a shutdown, and by {@code take} once shut down and empty. */
    public static final class ShutDownException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ShutDownException(String message) {
            super(message);
        }
    }

    private final int capacity;
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allDone = lock.newCondition();
    private long unfinished;   // guarded by lock
    private boolean shutdown;  // guarded by lock

    /** An unbounded queue. */
    public WorkQueue() {
        this.capacity = Integer.MAX_VALUE;
    }

    /**
     * A queue that holds at most {@code capacity} items: {@link #put} waits while it is full.
     *
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public WorkQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds an item of work, waiting for room if the queue is bounded and full.
     *
     * @throws ShutDownException if the queue is shut down
     */
    public void put(E item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        lock.lockInterruptibly();
        try {
            while (!shutdown && items.size() >= capacity) {
                notFull.await();
            }
            enqueue(item);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds an item if there is room right now.
     *
     * @throws ShutDownException if the queue is shut down
     */
    public boolean offer(E item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            if (!shutdown && items.size() >= capacity) {
                return false;
            }
            enqueue(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(E item) {
        if (shutdown) {
            throw new ShutDownException("the queue is shut down: it accepts no more items");
        }
        items.add(item);
        unfinished++;
        notEmpty.signal();
    }

    /**
     * Takes the next item, waiting for one. Call {@link #taskDone()} once it is handled.
     *
     * @throws ShutDownException if the queue is shut down and empty
     */
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (shutdown) {
                    throw new ShutDownException("the queue is shut down and empty");
                }
                notEmpty.await();
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next item, waiting at most {@code timeout}, read by the
     * {@linkplain dev.spindle##timeouts timeout rule}.
     *
     * @return the item, or {@code null} if none came in time
     * @throws ShutDownException if the queue is shut down and empty
     */
    public E poll(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanosSaturated(Objects.requireNonNull(timeout, "timeout"));
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (shutdown) {
                    throw new ShutDownException("the queue is shut down and empty");
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    private E dequeue() {
        E item = items.poll();
        notFull.signal();
        return item;
    }

    /**
     * Marks one taken item as handled.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        lock.lock();
        try {
            if (unfinished == 0) {
                throw new IllegalStateException("taskDone() called more times than items were put");
            }
            if (--unfinished == 0) {
                allDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every item put so far has been marked done. */
    public void join() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (unfinished > 0) {
                allDone.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code timeout}, read by the {@linkplain dev.spindle##timeouts timeout rule},
     * for every item to be done; returns whether they were.
     */
    public boolean join(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanosSaturated(Objects.requireNonNull(timeout, "timeout"));
        lock.lockInterruptibly();
        try {
            while (unfinished > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = allDone.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses further items; takers still receive what is queued, then get a
     * {@link ShutDownException} instead of waiting. Idempotent.
     */
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts down and removes every queued item, which counts as done for {@link #join()}.
     *
     * @return the items that were still queued, in queue order
     */
    public List<E> shutdownNow() {
        lock.lock();
        try {
            shutdown();
            List<E> drained = new ArrayList<>(items);
            items.clear();
            unfinished -= drained.size();
            if (unfinished == 0) {
                allDone.signalAll();
            }
            return drained;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #shutdown()} has been called. */
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting to be taken. */
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** Items put and not yet marked done (waiting or being handled). */
    public long unfinished() {
        lock.lock();
        try {
            return unfinished;
        } finally {
            lock.unlock();
        }
    }
}
