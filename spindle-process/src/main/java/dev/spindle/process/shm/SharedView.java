package dev.spindle.process.shm;

import java.io.Serial;
import java.io.Serializable;

/**
 * What every typed view over a named segment shares: its segment, its name, closing and
 * unlinking, and travelling as its name and kind. Package-private: the views are the API.
 */
abstract class SharedView implements AutoCloseable, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    final transient SharedMemory memory;
    private final transient int kind;

    SharedView(SharedMemory memory, int kind) {
        this.memory = memory;
        this.kind = kind;
    }

    /** The segment's name. */
    public final String name() {
        return memory.name();
    }

    /** Unmaps it in this process; see {@link SharedMemory#close()}. */
    @Override
    public final void close() {
        memory.close();
    }

    /** Removes the name; see {@link SharedMemory#unlink()}. */
    public final void unlink() {
        memory.unlink();
    }

    @Serial
    final Object writeReplace() {
        return new SharedMemory.Handle(name(), kind);
    }
}
