package dev.spindle.process.shm;

import dev.spindle.sync.AtomicCounter;

import java.io.Serial;
import java.lang.foreign.MemorySegment;

import static dev.spindle.process.shm.SegmentDescriptor.LONG;

/**
 * A {@code long} in {@linkplain SharedMemory named shared memory} updated atomically by any
 * number of threads in any number of processes: {@code AtomicLong} across JVMs. The operations are
 * the processor's own atomic instructions on the shared page (through a {@code VarHandle}), so
 * they cost what an {@code AtomicLong}'s do. Travels as its name.
 */
public final class SharedAtomicLong extends SharedView implements AtomicCounter {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient MemorySegment value;

    private SharedAtomicLong(SharedMemory memory) {
        super(memory, SegmentDescriptor.KIND_ATOMIC_LONG);
        this.value = memory.segment();
    }

    /** Creates a counter at {@code initial} under a new name, owned by this process. @see SharedMemory#create */
    public static SharedAtomicLong create(String name, long initial) {
        SharedAtomicLong counter = new SharedAtomicLong(SharedMemory.create(name, Long.BYTES, SegmentDescriptor.KIND_ATOMIC_LONG));
        counter.set(initial);
        return counter;
    }

    /** Opens the counter of that name. @throws IllegalArgumentException if there is none, or the name holds something else */
    public static SharedAtomicLong open(String name) {
        return new SharedAtomicLong(SharedMemory.open(name, SegmentDescriptor.KIND_ATOMIC_LONG));
    }

    public long get() {
        return (long) LONG.getVolatile(value, 0L);
    }

    public void set(long newValue) {
        LONG.setVolatile(value, 0L, newValue);
    }

    /** Sets {@code update} if the value is {@code expected}. @return whether it did */
    public boolean compareAndSet(long expected, long update) {
        return LONG.compareAndSet(value, 0L, expected, update);
    }

    /** @return the value before the addition */
    public long getAndAdd(long delta) {
        return (long) LONG.getAndAdd(value, 0L, delta);
    }

    /** @return the value after the addition */
    public long addAndGet(long delta) {
        return (long) LONG.getAndAdd(value, 0L, delta) + delta;
    }

    /** @return the value after the increment */
    public long incrementAndGet() {
        return addAndGet(1);
    }





    @Override
    public String toString() {
        return "shared atomic long '" + name() + "' = " + get();
    }
}
