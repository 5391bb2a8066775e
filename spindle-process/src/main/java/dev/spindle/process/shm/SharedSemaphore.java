package dev.spindle.process.shm;

import dev.spindle.sync.CountingSemaphore;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static dev.spindle.process.shm.SegmentDescriptor.LONG;
import static dev.spindle.process.shm.SegmentDescriptor.SEMAPHORE_AVAILABLE_OFFSET;
import static dev.spindle.process.shm.SegmentDescriptor.SEMAPHORE_TOTAL_OFFSET;

/**
 * A counting semaphore in {@linkplain SharedMemory named shared memory}, for threads of any
 * process of the machine: {@code multiprocessing.BoundedSemaphore}. Permits are taken and given
 * back with compare-and-set on one word; a release beyond the permits it was created with is
 * refused, as core's {@code BoundedSemaphore} refuses it, since it is always a bug. A permit held
 * by a process that dies is not given back: unlike a lock, a semaphore does not know its holders.
 * Travels as its name.
 */
public final class SharedSemaphore extends SharedView implements CountingSemaphore {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient MemorySegment words;

    private SharedSemaphore(SharedMemory memory) {
        super(memory, SegmentDescriptor.KIND_SEMAPHORE);
        this.words = memory.segment();
    }

    /**
     * Creates a semaphore with {@code permits} permits under a new name, owned by this process.
     *
     * @throws IllegalArgumentException if {@code permits < 1}, or as {@link SharedMemory#create}
     */
    public static SharedSemaphore create(String name, long permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        SharedSemaphore semaphore = new SharedSemaphore(SharedMemory.create(name, SegmentDescriptor.SEMAPHORE_BODY_LENGTH,
                SegmentDescriptor.KIND_SEMAPHORE));
        LONG.setVolatile(semaphore.words, SEMAPHORE_TOTAL_OFFSET, permits);
        LONG.setVolatile(semaphore.words, SEMAPHORE_AVAILABLE_OFFSET, permits);
        return semaphore;
    }

    /** Opens the semaphore of that name. @throws IllegalArgumentException if there is none, or the name holds something else */
    public static SharedSemaphore open(String name) {
        return new SharedSemaphore(SharedMemory.open(name, SegmentDescriptor.KIND_SEMAPHORE));
    }

    /** Takes a permit, waiting until one is available. */
    public void acquire() throws InterruptedException {
        take(-1);
    }

    /** Takes a permit if one is available, or becomes available within {@code timeout}. @return whether it did */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return take(Backoff.nanos(timeout));
    }

    private boolean take(long timeoutNanos) throws InterruptedException {
        long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
        Backoff backoff = new Backoff();
        while (true) {
            long available = (long) LONG.getVolatile(words, SEMAPHORE_AVAILABLE_OFFSET);
            if (available > 0) {
                if (LONG.compareAndSet(words, SEMAPHORE_AVAILABLE_OFFSET, available, available - 1)) {
                    return true;
                }
                continue;
            }
            if (timeoutNanos >= 0 && System.nanoTime() - deadline >= 0) {
                return false;
            }
            backoff.pause();
        }
    }

    /**
     * Gives back a permit.
     *
     * @throws IllegalStateException if every permit is already back (a release without an acquire)
     */
    public void release() {
        long total = permits();
        while (true) {
            long available = (long) LONG.getVolatile(words, SEMAPHORE_AVAILABLE_OFFSET);
            if (available >= total) {
                throw new IllegalStateException(this + " was released more times than acquired: all " + total
                        + " permits are back");
            }
            if (LONG.compareAndSet(words, SEMAPHORE_AVAILABLE_OFFSET, available, available + 1)) {
                return;
            }
        }
    }

    /** Permits available now. */
    public long availablePermits() {
        return (long) LONG.getVolatile(words, SEMAPHORE_AVAILABLE_OFFSET);
    }

    /** The permits it was created with. */
    public long permits() {
        return (long) LONG.getVolatile(words, SEMAPHORE_TOTAL_OFFSET);
    }





    @Override
    public String toString() {
        return "shared semaphore '" + name() + "'";
    }
}
