package dev.spindle.sync;

import dev.spindle.internal.Timeouts;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A counting semaphore that can never hold more permits than it started with: a
 * {@link #release()} that would exceed the bound throws, exposing the bug (a release without an
 * acquire) where it happens instead of silently letting more threads in later. Python's
 * {@code threading.BoundedSemaphore}; {@link java.util.concurrent.Semaphore} has no such check.
 *
 * <p>Built on {@link AbstractQueuedSynchronizer}: the state is the number of available permits,
 * and the bound check is part of the same compare-and-set as the release, so it holds under any
 * interleaving. Not fair: a thread arriving may take a permit ahead of one already waiting.
 *
 * <pre>{@code
 * BoundedSemaphore connections = new BoundedSemaphore(3);
 * try (var permit = connections.acquirePermit()) {
 *     fetch(url);
 * }
 * }</pre>
 */
public final class BoundedSemaphore {

    private final int bound;
    private final Sync sync;

    /**
     * @param permits the number of permits, which is also the most there can ever be
     * @throws IllegalArgumentException if {@code permits < 1}
     */
    public BoundedSemaphore(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        this.bound = permits;
        this.sync = new Sync(permits, bound);
    }

    /** Takes a permit, waiting for one if none is free. */
    public void acquire() throws InterruptedException {
        sync.acquireSharedInterruptibly(1);
    }

    /** Takes a permit if one is free right now. */
    public boolean tryAcquire() {
        return sync.tryAcquireShared(1) >= 0;
    }

    /**
     * Takes a permit, waiting at most {@code timeout} for one, read by the
     * {@linkplain dev.spindle##timeouts timeout rule}; returns whether it took one.
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return sync.tryAcquireSharedNanos(1, Timeouts.toNanosSaturated(Objects.requireNonNull(timeout, "timeout")));
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException if every permit is already free: more releases than acquires
     */
    public void release() {
        sync.releaseShared(1);
    }

    /** Takes a permit and returns it as a handle whose {@code close()} releases it once. */
    public Permit acquirePermit() throws InterruptedException {
        acquire();
        return new Permit(this);
    }

    /** The permits free right now. */
    public int availablePermits() {
        return sync.permits();
    }

    /** The permits the semaphore started with, and the most it can hold. */
    public int bound() {
        return bound;
    }

    @Override
    public String toString() {
        return "BoundedSemaphore[" + availablePermits() + " of " + bound + " free]";
    }

    /** A taken permit; closing it releases the permit, and closing it again does nothing. */
    public static final class Permit implements AutoCloseable {
        private final BoundedSemaphore owner;
        private boolean released;

        private Permit(BoundedSemaphore owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                owner.release();
            }
        }
    }

    private static final class Sync extends AbstractQueuedSynchronizer {
        @Serial
        private static final long serialVersionUID = 1L;
        private final int bound;

        Sync(int permits, int bound) {
            this.bound = bound;
            setState(permits);
        }

        int permits() {
            return getState();
        }

        @Override
        protected int tryAcquireShared(int acquires) {
            while (true) {
                int available = getState();
                int remaining = available - acquires;
                if (remaining < 0 || compareAndSetState(available, remaining)) {
                    return remaining;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int releases) {
            while (true) {
                int current = getState();
                int next = current + releases;
                if (next > bound) {
                    throw new IllegalStateException("semaphore released too many times: all " + bound
                            + " permits are already free (a release without a matching acquire)");
                }
                if (compareAndSetState(current, next)) {
                    return true;
                }
            }
        }
    }
}
