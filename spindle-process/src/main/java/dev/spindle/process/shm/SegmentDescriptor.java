package dev.spindle.process.shm;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The layout of a named shared-memory segment: a file in {@code /dev/shm} (or the temporary
 * directory where there is none), mapped by every process that uses it. Numbers are in the
 * platform's byte order, since only processes of this machine map the file. Every field accessed
 * atomically is naturally aligned: the mapping starts on a page boundary, and the body on a
 * 64-byte (cache-line) boundary.
 *
 * <h2>The header</h2>
 * Written once by the creating process before it publishes the name (it creates the file under a
 * temporary name, writes the header, then hard-links the name to it, which fails if the name
 * exists), so a process that opens the name always
 * finds a whole header.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic ("SPINDLE\1", 64 bits)              |  0
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |            Version            |  Kind (0 bytes, 1 longs,      |  8
 *  |                               |  2 doubles, 3 atomic long,    |
 *  |                               |  4 lock, 5 semaphore)         |
 *  +-------------------------------+-------------------------------+
 *  |                   Owner pid (64 bits)                         |  16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     Owner start: its process start instant, epoch ms (64)     |  24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Body length in bytes (64)                   |  32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |       Incarnation: a random number drawn at creation (64)     |  40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        (unused, up to 64)                    ...  48
 *  +---------------------------------------------------------------+
 *  |                           Body                               ...  64
 * </pre>
 * Owner pid and start identify the creator even after its pid is reused: a segment whose owner
 * is no longer running (no process with that pid, or one that started at another instant) is an
 * orphan, and {@link SharedMemory#reclaimOrphans()} removes its name. The incarnation tells one
 * segment from a later one of the same name: a handle unlinks the name only if it still names
 * the segment the handle maps.
 *
 * <h2>Bodies</h2>
 * <pre>
 *  long array, double array:  element i at 8 × i
 *
 *  atomic long:   +---------------------------------------------------------------+
 *                 |            Value (64 bits; CAS, get-and-add)                  |  0
 *                 +---------------------------------------------------------------+
 *
 *  lock:          +---------------------------------------------------------------+
 *                 |  Holder: 0 free, else pid (high 32 bits) | thread (low 32)    |  0
 *                 +---------------------------------------------------------------+
 *                 |  Recovered: 1 if the holder took it from a dead process       |  8
 *                 +---------------------------------------------------------------+
 *
 *  semaphore:     +---------------------------------------------------------------+
 *                 |            Permits available (64 bits; CAS)                   |  0
 *                 +---------------------------------------------------------------+
 *                 |            Permits in all (64 bits; set at creation)          |  8
 *                 +---------------------------------------------------------------+
 * </pre>
 */
final class SegmentDescriptor {

    static final long MAGIC = 0x5350_494E_444C_4501L; // "SPINDLE\1"
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 8;
    static final int KIND_OFFSET = 12;
    static final int OWNER_PID_OFFSET = 16;
    static final int OWNER_START_OFFSET = 24;
    static final int BODY_LENGTH_OFFSET = 32;
    static final int INCARNATION_OFFSET = 40;
    static final int HEADER_LENGTH = 64;

    static final int KIND_BYTES = 0;
    static final int KIND_LONGS = 1;
    static final int KIND_DOUBLES = 2;
    static final int KIND_ATOMIC_LONG = 3;
    static final int KIND_LOCK = 4;
    static final int KIND_SEMAPHORE = 5;

    static final long LOCK_HOLDER_OFFSET = 0;
    static final long LOCK_RECOVERED_OFFSET = 8;
    static final long LOCK_BODY_LENGTH = 16;

    static final long SEMAPHORE_AVAILABLE_OFFSET = 0;
    static final long SEMAPHORE_TOTAL_OFFSET = 8;
    static final long SEMAPHORE_BODY_LENGTH = 16;

    /** Atomic access to an aligned long at a byte offset of a segment. */
    static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private SegmentDescriptor() {}

    static String kindName(int kind) {
        return switch (kind) {
            case KIND_BYTES -> "bytes";
            case KIND_LONGS -> "a long array";
            case KIND_DOUBLES -> "a double array";
            case KIND_ATOMIC_LONG -> "an atomic long";
            case KIND_LOCK -> "a lock";
            case KIND_SEMAPHORE -> "a semaphore";
            default -> "kind " + kind;
        };
    }
}
