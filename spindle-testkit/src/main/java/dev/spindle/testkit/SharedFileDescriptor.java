package dev.spindle.testkit;

/**
 * The layout of the memory-mapped files behind {@link SharedGate}, {@link SharedCounter} and
 * {@link SharedRecorder}: one file per handle, in its {@link SharedState}'s directory. Every
 * number is in the platform's native byte order, because only processes of this machine map the
 * files. Offsets are in bytes from the start of the file; every field that is accessed
 * atomically is naturally aligned (the mapping starts on a page boundary).
 *
 * <h2>Every file starts with this header</h2>
 * Written once by the {@link SharedState} that creates the file, before any handle to it exists;
 * a process that maps the file later checks it before it touches the body.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                       Magic ("SPSH")                          |  0
 *  +-------------------------------+-------------------------------+
 *  |            Version            |   Kind (1 gate, 2 counter,    |  4
 *  |                               |         3 recorder)           |
 *  +-------------------------------+-------------------------------+
 *  |                        Body Length                            |  8
 *  |                        (64 bits)                              |
 *  +---------------------------------------------------------------+
 *  |                           Body                               ...  16
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <h2>The body of a gate</h2>
 * <pre>
 *  +---------------------------------------------------------------+
 *  |              State (0 shut, 1 open; CAS 0 to 1)               |  16
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <h2>The body of a counter</h2>
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                 Value (64 bits; get-and-add)                  |  16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <h2>The body of a recorder</h2>
 * A bounded append-only log. An appender reserves room for its record by a compare-and-set on
 * Tail (so Tail never passes Capacity), writes the record's type and payload, and publishes the
 * record by storing its Length last, with release semantics. A reader walks the records from the
 * start and stops at the end of the reserved area, or at a record whose Length is still 0
 * (reserved, not yet published), so what it reads is always a prefix of the log in append order.
 * <pre>
 *  +---------------------------------------------------------------+
 *  |        Tail: bytes of the record area reserved (64 bits)      |  16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        Capacity: bytes of the record area (64 bits)           |  24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     (unused, up to 64)                       ...  32
 *  +---------------------------------------------------------------+
 *  |                         Records                              ...  64
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <h3>One record</h3>
 * Starts at a multiple of {@link #RECORD_ALIGNMENT} within the record area.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   Length: header + payload bytes; 0 until published (release) |  +0
 *  +---------------------------------------------------------------+
 *  |          Type (1 a 64-bit long, 2 a UTF-8 string)             |  +4
 *  +---------------------------------------------------------------+
 *  |                           Payload                            ...  +8
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *    the next record starts at the next multiple of 8
 * </pre>
 */
final class SharedFileDescriptor {

    /** "SPSH" read as a big-endian int: Spindle shared. */
    static final int MAGIC = 0x53505348;
    static final short VERSION = 1;

    static final short KIND_GATE = 1;
    static final short KIND_COUNTER = 2;
    static final short KIND_RECORDER = 3;

    static final long MAGIC_OFFSET = 0;
    static final long VERSION_OFFSET = 4;
    static final long KIND_OFFSET = 6;
    static final long BODY_LENGTH_OFFSET = 8;
    static final long HEADER_LENGTH = 16;

    static final long GATE_STATE_OFFSET = HEADER_LENGTH;
    static final long GATE_BODY_LENGTH = 8;
    static final int GATE_SHUT = 0;
    static final int GATE_OPEN = 1;

    static final long COUNTER_VALUE_OFFSET = HEADER_LENGTH;
    static final long COUNTER_BODY_LENGTH = 8;

    static final long RECORDER_TAIL_OFFSET = HEADER_LENGTH;
    static final long RECORDER_CAPACITY_OFFSET = HEADER_LENGTH + 8;
    static final long RECORDS_OFFSET = 64;

    static final int RECORD_HEADER_LENGTH = 8;
    static final int RECORD_ALIGNMENT = 8;
    static final int TYPE_LONG = 1;
    static final int TYPE_STRING = 2;

    private SharedFileDescriptor() {}

    /** The body length of a recorder whose record area holds {@code capacity} bytes. */
    static long recorderBodyLength(long capacity) {
        return RECORDS_OFFSET - HEADER_LENGTH + capacity;
    }

    /** The file offset of the record that starts {@code position} bytes into the record area. */
    static long recordOffset(long position) {
        return RECORDS_OFFSET + position;
    }

    static long recordLengthOffset(long recordOffset) {
        return recordOffset;
    }

    static long recordTypeOffset(long recordOffset) {
        return recordOffset + 4;
    }

    static long recordPayloadOffset(long recordOffset) {
        return recordOffset + RECORD_HEADER_LENGTH;
    }

    /** How much of the record area a record of {@code length} bytes (header included) takes. */
    static long alignedRecordLength(int length) {
        return (length + RECORD_ALIGNMENT - 1L) & -RECORD_ALIGNMENT;
    }
}
