package dev.spindle.lab.workload;

import java.io.Serial;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} with a name, whose owner and waiting threads can be read, so that a
 * deadlock report names the locks of the cycle and not only their classes.
 */
final class NamedLock extends ReentrantLock {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;

    NamedLock(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** The thread that holds the lock, or {@code null}. */
    Thread owner() {
        return getOwner();
    }

    /** The threads queued for the lock (a snapshot). */
    Collection<Thread> waiters() {
        return getQueuedThreads();
    }

    @Override
    public String toString() {
        return name;
    }
}
