package dev.spindle.process.internal;

import dev.spindle.process.ChannelClosedException;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A channel's messages, in its owner JVM: a bounded deque under one lock, with a condition for
 * senders and one for receivers, which can be closed (as {@code LinkedBlockingDeque} cannot) and
 * can take a message back at its head (a receive abandoned by an interrupted worker).
 */
final class LocalChannel implements ChannelTransport {

    private final String name;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Object> messages = new ArrayDeque<>(); // guarded by lock
    private boolean closed;                                        // guarded by lock
    private final Runnable onClose; // frees the channel in its owner, once closed and empty; idempotent

    LocalChannel(String name, int capacity, Runnable onClose) {
        this.name = name;
        this.capacity = capacity;
        this.onClose = onClose;
    }

    @Override
    public boolean send(Object message, long timeoutNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = timeoutNanos;
            while (true) {
                if (closed) {
                    throw new ChannelClosedException("channel " + name + " is closed: nothing more can be sent");
                }
                if (messages.size() < capacity) {
                    messages.addLast(message);
                    notEmpty.signal();
                    return true;
                }
                if (nanos == 0) {
                    return false;
                }
                if (nanos < 0) {
                    notFull.await();
                } else {
                    nanos = notFull.awaitNanos(nanos);
                    nanos = nanos <= 0 ? 0 : nanos;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object receive(long timeoutNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = timeoutNanos;
            while (true) {
                Object message = messages.pollFirst();
                if (message != null) {
                    notFull.signal();
                    return message;
                }
                if (closed) {
                    onClose.run();
                    throw new ChannelClosedException("channel " + name + " is closed and empty");
                }
                if (nanos == 0) {
                    return null;
                }
                if (nanos < 0) {
                    notEmpty.await();
                } else {
                    nanos = notEmpty.awaitNanos(nanos);
                    nanos = nanos <= 0 ? 0 : nanos;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Puts back at the head a message taken for a receiver that gave up; even past capacity, even closed. */
    void giveBack(Object message) {
        lock.lock();
        try {
            messages.addFirst(message);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
            if (messages.isEmpty()) {
                onClose.run();
            }
        } finally {
            lock.unlock();
        }
    }
}
