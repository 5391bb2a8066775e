package dev.spindle.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking FIFO queue that also counts unfinished work: every {@link #put} adds one item of
 * work, every {@link #taskDone()} marks one finished, and {@link #join()} waits until all are.
 * Python's {@code queue.Queue} with {@code task_done()} and {@code join()}: producers put,
 * consumers take and call {@code taskDone()} when they have handled an item, and the producer
 * joins to learn that everything was handled, not merely taken.
 *
 * <p>The count goes up before an item becomes visible, so {@code join()} can never return between
 * an item being put and being counted. {@code null} elements are refused.
 *
 * @param <E> the element type
 */
public final class WorkQueue<E> {

    private final LinkedBlockingQueue<E> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allDone = lock.newCondition();
    private long unfinished; // guarded by lock

    /** An unbounded queue. */
    public WorkQueue() {
        this.items = new LinkedBlockingQueue<>();
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
        this.items = new LinkedBlockingQueue<>(capacity);
    }

    /** Adds an item of work, waiting for room if the queue is bounded and full. */
    public void put(E item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        countUp();
        try {
            items.put(item);
        } catch (InterruptedException e) {
            countDown();
            throw e;
        }
    }

    /** Adds an item if there is room right now. */
    public boolean offer(E item) {
        Objects.requireNonNull(item, "item");
        countUp();
        if (items.offer(item)) {
            return true;
        }
        countDown();
        return false;
    }

    /** Takes the next item, waiting for one. Call {@link #taskDone()} once it is handled. */
    public E take() throws InterruptedException {
        return items.take();
    }

    /** Takes the next item, waiting at most {@code timeout}; {@code null} if none came. */
    public E poll(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return items.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
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

    /** Waits at most {@code timeout} for every item to be done; returns whether they were. */
    public boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long nanos = timeout.toNanos();
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

    /** Items waiting to be taken. */
    public int size() {
        return items.size();
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

    private void countUp() {
        lock.lock();
        try {
            unfinished++;
        } finally {
            lock.unlock();
        }
    }

    private void countDown() {
        lock.lock();
        try {
            if (--unfinished == 0) {
                allDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
