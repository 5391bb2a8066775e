package dev.spindle.testkit;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * What every handle of a {@link SharedState} is: the name of its file, which serialises, and the
 * file's mapping in this process, which does not. The owner's handles carry the owner's mapping;
 * a deserialised copy maps the file when it is first used ({@link MappedFiles#open}).
 */
abstract sealed class SharedHandle implements Serializable permits SharedGate, SharedCounter, SharedRecorder {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Atomic access to an aligned int or long of a segment, by offset: (segment, offset). */
    static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final String file;
    private final String name;
    private transient volatile MemorySegment segment;

    SharedHandle(String file, String name, MemorySegment segment) {
        this.file = file;
        this.name = Objects.requireNonNull(name, "name");
        this.segment = segment;
    }

    /** The name given at creation, for messages. */
    public final String name() {
        return name;
    }

    /** This handle's memory in this process, mapped on first use after deserialisation. */
    final MemorySegment segment() {
        MemorySegment mapped = segment;
        if (mapped == null) {
            mapped = MappedFiles.open(file, kind(), toString());
            segment = mapped;
        }
        return mapped;
    }

    /** The file kind of {@link SharedFileDescriptor} that this class of handle maps. */
    abstract short kind();

    @Override
    public abstract String toString();
}
