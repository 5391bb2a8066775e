package dev.spindle.process.shm;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * An array of {@code double}s in {@linkplain SharedMemory named shared memory}: every process that
 * opens the name, and every task that captures the array, reads and writes the same elements.
 * Plain reads and writes, as on a {@code double[]}: concurrent writers of one element need their
 * own synchronisation ({@link SharedLock}, or {@link SharedAtomicLong} for a counter). Travels as
 * its name, so handing a large array to a task costs nothing.
 */
public final class SharedDoubleArray extends SharedView {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient MemorySegment elements;
    private final transient long length;

    private SharedDoubleArray(SharedMemory memory) {
        super(memory, SegmentDescriptor.KIND_DOUBLES);
        this.elements = memory.segment();
        this.length = elements.byteSize() / Double.BYTES;
    }

    /**
     * Creates an array of {@code length} zeros under a new name, owned by this process.
     *
     * @throws IllegalArgumentException if {@code length < 1}, or as {@link SharedMemory#create}
     */
    public static SharedDoubleArray create(String name, long length) {
        if (length < 1 || length > Long.MAX_VALUE / Double.BYTES - 64) {
            throw new IllegalArgumentException("length must be at least 1, was " + length);
        }
        return new SharedDoubleArray(SharedMemory.create(name, length * Double.BYTES, SegmentDescriptor.KIND_DOUBLES));
    }

    /**
     * Opens the array of that name.
     *
     * @throws IllegalArgumentException if there is none, or the name holds something else
     */
    public static SharedDoubleArray open(String name) {
        return new SharedDoubleArray(SharedMemory.open(name, SegmentDescriptor.KIND_DOUBLES));
    }

    public long length() {
        return length;
    }

    /** @throws IndexOutOfBoundsException naming the index and the length */
    public double get(long index) {
        return elements.getAtIndex(ValueLayout.JAVA_DOUBLE, Objects.checkIndex(index, length));
    }

    /** @throws IndexOutOfBoundsException naming the index and the length */
    public void set(long index, double value) {
        elements.setAtIndex(ValueLayout.JAVA_DOUBLE, Objects.checkIndex(index, length), value);
    }

    /** The elements as a memory segment, for bulk copies and vectorised loops. */
    public MemorySegment asSegment() {
        return memory.segment();
    }





    @Override
    public String toString() {
        return "shared double[" + length + "] '" + name() + "'";
    }
}
