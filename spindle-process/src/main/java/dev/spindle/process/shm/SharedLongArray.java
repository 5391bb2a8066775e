package dev.spindle.process.shm;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * An array of {@code long}s in {@linkplain SharedMemory named shared memory}: every process that
 * opens the name, and every task that captures the array, reads and writes the same elements.
 * Plain reads and writes, as on a {@code long[]}: concurrent writers of one element need their
 * own synchronisation ({@link SharedLock}, or {@link SharedAtomicLong} for a counter). Travels as
 * its name, so handing a large array to a task costs nothing.
 */
public final class SharedLongArray extends SharedView {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient MemorySegment elements;
    private final transient long length;

    private SharedLongArray(SharedMemory memory) {
        super(memory, SegmentDescriptor.KIND_LONGS);
        this.elements = memory.segment();
        this.length = elements.byteSize() / Long.BYTES;
    }

    /**
     * Creates an array of {@code length} zeros under a new name, owned by this process.
     *
     * @throws IllegalArgumentException if {@code length < 1}, or as {@link SharedMemory#create}
     */
    public static SharedLongArray create(String name, long length) {
        if (length < 1 || length > Long.MAX_VALUE / Long.BYTES - 64) {
            throw new IllegalArgumentException("length must be at least 1, was " + length);
        }
        return new SharedLongArray(SharedMemory.create(name, length * Long.BYTES, SegmentDescriptor.KIND_LONGS));
    }

    /**
     * Opens the array of that name.
     *
     * @throws IllegalArgumentException if there is none, or the name holds something else
     */
    public static SharedLongArray open(String name) {
        return new SharedLongArray(SharedMemory.open(name, SegmentDescriptor.KIND_LONGS));
    }

    public long length() {
        return length;
    }

    /** @throws IndexOutOfBoundsException naming the index and the length */
    public long get(long index) {
        return elements.getAtIndex(ValueLayout.JAVA_LONG, Objects.checkIndex(index, length));
    }

    /** @throws IndexOutOfBoundsException naming the index and the length */
    public void set(long index, long value) {
        elements.setAtIndex(ValueLayout.JAVA_LONG, Objects.checkIndex(index, length), value);
    }

    /** The elements as a memory segment, for bulk copies and vectorised loops. */
    public MemorySegment asSegment() {
        return memory.segment();
    }





    @Override
    public String toString() {
        return "shared long[" + length + "] '" + name() + "'";
    }
}
