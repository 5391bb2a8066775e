package dev.spindle.process.shm;

import dev.spindle.sync.ExclusiveLock;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.spindle.process.shm.SegmentDescriptor.LOCK_HOLDER_OFFSET;
import static dev.spindle.process.shm.SegmentDescriptor.LOCK_RECOVERED_OFFSET;
import static dev.spindle.process.shm.SegmentDescriptor.LONG;

/**
 * A mutual-exclusion lock in {@linkplain SharedMemory named shared memory}, for threads of any
 * process of the machine: {@code multiprocessing.Lock}, but one that survives its holder's death.
 *
 * <h2>How it works</h2>
 * One word names the holder: 0 when free, else its process id (high 32 bits) and a number this
 * process gave the holding thread (low 32 bits). {@link #lock()} takes it with a compare-and-set
 * from 0, waiting with a {@code Backoff} while it is held. While it waits it checks, now and then,
 * whether the holder's process still runs; if not, it takes the lock from the dead holder with a
 * compare-and-set on the same word and marks it recovered: {@link #wasRecovered()} then tells the
 * new holder that what the lock guards may have been left half-updated, as pthread's
 * {@code EOWNERDEAD} does. A holder thread that ends without unlocking inside a live process is not
 * detected; unlock in {@code finally}.
 *
 * <p>Not reentrant: a thread that locks a lock it holds gets {@link IllegalStateException}
 * rather than a deadlock with itself. Travels as its name.
 */
public final class SharedLock extends SharedView implements ExclusiveLock {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadLocal<Integer> THREAD_NUMBER = ThreadLocal.withInitial(THREADS::incrementAndGet);

    private final transient MemorySegment word;

    private SharedLock(SharedMemory memory) {
        super(memory, SegmentDescriptor.KIND_LOCK);
        this.word = memory.segment();
    }

    /** Creates a free lock under a new name, owned by this process. @see SharedMemory#create */
    public static SharedLock create(String name) {
        return new SharedLock(SharedMemory.create(name, SegmentDescriptor.LOCK_BODY_LENGTH, SegmentDescriptor.KIND_LOCK));
    }

    /** Opens the lock of that name. @throws IllegalArgumentException if there is none, or the name holds something else */
    public static SharedLock open(String name) {
        return new SharedLock(SharedMemory.open(name, SegmentDescriptor.KIND_LOCK));
    }

    /**
     * Takes the lock, waiting while another thread, here or in another process, holds it.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if this thread holds it already
     */
    public void lock() throws InterruptedException {
        acquire(-1);
    }

    /**
     * Takes the lock if it is free, or becomes free within {@code timeout}.
     *
     * @return whether this thread now holds it
     */
    public boolean tryLock(Duration timeout) throws InterruptedException {
        return acquire(Backoff.nanos(timeout));
    }

    private boolean acquire(long timeoutNanos) throws InterruptedException {
        long me = me();
        long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
        Backoff backoff = new Backoff();
        while (true) {
            long holder = (long) LONG.getVolatile(word, LOCK_HOLDER_OFFSET);
            if (holder == 0) {
                if (LONG.compareAndSet(word, LOCK_HOLDER_OFFSET, 0L, me)) {
                    LONG.setVolatile(word, LOCK_RECOVERED_OFFSET, 0L);
                    return true;
                }
                continue;
            }
            if (holder == me) {
                throw new IllegalStateException("this thread holds " + this + " already: it is not reentrant");
            }
            if (backoff.timeToCheck() && !alive(holder)
                    && LONG.compareAndSet(word, LOCK_HOLDER_OFFSET, holder, me)) {
                LONG.setVolatile(word, LOCK_RECOVERED_OFFSET, 1L);
                return true;
            }
            if (timeoutNanos >= 0 && System.nanoTime() - deadline >= 0) {
                return false;
            }
            backoff.pause();
        }
    }

    /**
     * Whether this thread took the lock from a holder whose process had died: what it guards may
     * be half-updated. Meaningful to the holder, until it unlocks.
     */
    public boolean wasRecovered() {
        return (long) LONG.getVolatile(word, LOCK_RECOVERED_OFFSET) != 0;
    }

    /** Whether some thread, of any process, holds the lock. */
    public boolean isLocked() {
        return (long) LONG.getVolatile(word, LOCK_HOLDER_OFFSET) != 0;
    }

    /** Whether this thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        return (long) LONG.getVolatile(word, LOCK_HOLDER_OFFSET) == me();
    }

    /**
     * Lets go of the lock.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it
     */
    public void unlock() {
        long me = me();
        if ((long) LONG.getVolatile(word, LOCK_HOLDER_OFFSET) != me) {
            throw new IllegalMonitorStateException("this thread does not hold " + this);
        }
        LONG.setVolatile(word, LOCK_RECOVERED_OFFSET, 0L);
        LONG.setVolatile(word, LOCK_HOLDER_OFFSET, 0L);
    }

    private static long me() {
        return PID << 32 | (THREAD_NUMBER.get() & 0xFFFF_FFFFL);
    }

    private static boolean alive(long holder) {
        long pid = holder >>> 32;
        return pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }






    @Override
    public String toString() {
        return "shared lock '" + name() + "'";
    }
}
