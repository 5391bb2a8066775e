package dev.spindle.lab.workload;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A reentrant lock with a name that keeps its part of a {@link WaitForGraph}: who holds it, and,
 * through the graph, which thread waits for it. With it, a deadlock is found and described (by
 * thread and lock name) on any kind of thread, virtual ones included.
 *
 * <p>The holder is a {@link Hold} record, a fresh object for each time the lock passes from being
 * free to being held: set by the new holder after it acquires the lock, cleared by the holder
 * before it releases it, so a record in place means the lock is held by that thread. A thread
 * that must wait for the lock (the first {@code tryLock()} failed) registers its wait with the
 * graph before it blocks and withdraws it once it has the lock or has given up, and it withdraws
 * the wait <em>before</em> it sets its hold: no thread is ever seen waiting for a lock it holds.
 * A reentrant acquisition never waits, so it records nothing. See {@link WaitForGraph} for why
 * these orders make a detected cycle a real deadlock.
 *
 * <p>Conditions are not supported: waiting on one would release the lock behind the graph's back.
 */
final class NamedLock implements Lock {

    /** One holding of the lock, from the first acquisition to the last release; compared by identity. */
    static final class Hold {
        final Thread owner;

        private Hold(Thread owner) {
            this.owner = owner;
        }
    }

    private final String name;
    private final WaitForGraph graph;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Hold hold;

    /** Use {@link WaitForGraph#newLock}. */
    NamedLock(String name, WaitForGraph graph) {
        this.name = Objects.requireNonNull(name, "name");
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    String name() {
        return name;
    }

    /** The thread that holds the lock, or {@code null}. */
    Thread owner() {
        Hold current = hold;
        return current == null ? null : current.owner;
    }

    /** The current holding, or {@code null}: the graph compares these by identity. */
    Hold hold() {
        return hold;
    }

    /** Whether any thread holds the lock. */
    boolean isLocked() {
        return lock.isLocked();
    }

    @Override
    public void lock() {
        if (!lock.tryLock()) {
            WaitForGraph.Wait wait = graph.beginWait(this, false);
            try {
                lock.lock();
            } finally {
                graph.endWait(wait);
            }
        }
        held();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException(name + ": interrupted before locking");
        }
        if (!lock.tryLock()) {
            WaitForGraph.Wait wait = graph.beginWait(this, false);
            try {
                lock.lockInterruptibly();
            } finally {
                graph.endWait(wait);
            }
        }
        held();
    }

    @Override
    public boolean tryLock() {
        if (lock.tryLock()) {
            held();
            return true;
        }
        return false;
    }

    /** A timed wait: the graph never counts it in a deadlock, since it ends by itself. */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException(name + ": interrupted before locking");
        }
        if (!lock.tryLock()) {
            WaitForGraph.Wait wait = graph.beginWait(this, true);
            boolean acquired;
            try {
                acquired = lock.tryLock(time, unit);
            } finally {
                graph.endWait(wait);
            }
            if (!acquired) {
                return false;
            }
        }
        held();
        return true;
    }

    /** Called by a thread that has just acquired the lock, after it withdrew any wait. */
    private void held() {
        if (lock.getHoldCount() == 1) {
            hold = new Hold(Thread.currentThread());
        }
    }

    /** @throws IllegalMonitorStateException naming the lock, the caller and the holder, if the caller does not hold it */
    @Override
    public void unlock() {
        if (!lock.isHeldByCurrentThread()) {
            Thread owner = owner();
            throw new IllegalMonitorStateException(name + " is not held by " + WaitForGraph.label(Thread.currentThread())
                    + "; held by " + (owner == null ? "no thread" : WaitForGraph.label(owner)));
        }
        if (lock.getHoldCount() == 1) {
            hold = null;
        }
        lock.unlock();
    }

    /** @throws UnsupportedOperationException always: see the class comment */
    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException(name + ": a NamedLock has no conditions, since waiting on one"
                + " would release the lock without the wait-for graph knowing");
    }

    @Override
    public String toString() {
        return name;
    }
}
