package dev.spindle.testkit;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.spindle.testkit.SharedFileDescriptor.KIND_RECORDER;
import static dev.spindle.testkit.SharedFileDescriptor.RECORDER_CAPACITY_OFFSET;
import static dev.spindle.testkit.SharedFileDescriptor.RECORDER_TAIL_OFFSET;
import static dev.spindle.testkit.SharedFileDescriptor.RECORD_HEADER_LENGTH;
import static dev.spindle.testkit.SharedFileDescriptor.TYPE_LONG;
import static dev.spindle.testkit.SharedFileDescriptor.TYPE_STRING;
import static dev.spindle.testkit.SharedFileDescriptor.alignedRecordLength;
import static dev.spindle.testkit.SharedFileDescriptor.recordLengthOffset;
import static dev.spindle.testkit.SharedFileDescriptor.recordOffset;
import static dev.spindle.testkit.SharedFileDescriptor.recordPayloadOffset;
import static dev.spindle.testkit.SharedFileDescriptor.recordTypeOffset;

/**
 * An append-only log of short strings and longs, shared by every thread and process that holds a
 * copy of this handle: what a test would otherwise collect in a concurrent queue or set that the
 * task captures. Made by {@link SharedState#recorder(String)}; its capacity is fixed there.
 *
 * <p>Entries come back in append order: the order in which appenders reserved their place, which
 * for appends of one thread is the order of its calls. A read returns the entries whose appends
 * had completed when it began, up to the first entry still being written by another thread or
 * process, so it is always a prefix of the log; read after the appenders are done (after the
 * tasks' futures complete) to see every entry.
 *
 * <p>Safe for use by many threads and processes. No method accepts {@code null}.
 */
public final class SharedRecorder extends SharedHandle {

    @Serial
    private static final long serialVersionUID = 1L;

    SharedRecorder(String file, String name, MemorySegment segment) {
        super(file, name, segment);
    }

    /**
     * Appends a string.
     *
     * @throws IllegalStateException if the recorder is full
     */
    public void append(String value) {
        byte[] bytes = Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8);
        MemorySegment memory = segment();
        long record = reserve(memory, RECORD_HEADER_LENGTH + bytes.length);
        MemorySegment.copy(bytes, 0, memory, ValueLayout.JAVA_BYTE, recordPayloadOffset(record), bytes.length);
        publish(memory, record, TYPE_STRING, RECORD_HEADER_LENGTH + bytes.length);
    }

    /**
     * Appends a long.
     *
     * @throws IllegalStateException if the recorder is full
     */
    public void append(long value) {
        MemorySegment memory = segment();
        long record = reserve(memory, RECORD_HEADER_LENGTH + Long.BYTES);
        memory.set(ValueLayout.JAVA_LONG, recordPayloadOffset(record), value);
        publish(memory, record, TYPE_LONG, RECORD_HEADER_LENGTH + Long.BYTES);
    }

    /** Reserves room for a record of {@code length} bytes and returns its file offset. */
    private long reserve(MemorySegment memory, int length) {
        long capacity = memory.get(ValueLayout.JAVA_LONG, RECORDER_CAPACITY_OFFSET);
        long needed = alignedRecordLength(length);
        long tail;
        do {
            tail = (long) LONG.getVolatile(memory, RECORDER_TAIL_OFFSET);
            if (tail + needed > capacity) {
                throw new IllegalStateException(this + " is full: " + needed + " more bytes do not fit in its "
                        + capacity + " (" + (capacity - tail) + " left); give it a larger capacity");
            }
        } while (!LONG.compareAndSet(memory, RECORDER_TAIL_OFFSET, tail, tail + needed));
        return recordOffset(tail);
    }

    private static void publish(MemorySegment memory, long record, int type, int length) {
        memory.set(ValueLayout.JAVA_INT, recordTypeOffset(record), type);
        INT.setRelease(memory, recordLengthOffset(record), length); // last: makes the record visible
    }

    /** Every entry, in append order: each a {@link String} or a {@link Long}. */
    public List<Object> entries() {
        MemorySegment memory = segment();
        long tail = (long) LONG.getAcquire(memory, RECORDER_TAIL_OFFSET);
        List<Object> entries = new ArrayList<>();
        long position = 0;
        while (position < tail) {
            long record = recordOffset(position);
            int length = (int) INT.getAcquire(memory, recordLengthOffset(record));
            if (length == 0) {
                break; // reserved, still being written
            }
            if (length < RECORD_HEADER_LENGTH || position + alignedRecordLength(length) > tail) {
                throw new IllegalStateException(this + " is corrupt: a record of " + length + " bytes at " + position);
            }
            int type = memory.get(ValueLayout.JAVA_INT, recordTypeOffset(record));
            long payload = recordPayloadOffset(record);
            entries.add(switch (type) {
                case TYPE_LONG -> memory.get(ValueLayout.JAVA_LONG, payload);
                case TYPE_STRING -> new String(
                        memory.asSlice(payload, length - RECORD_HEADER_LENGTH).toArray(ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8);
                default -> throw new IllegalStateException(this + " is corrupt: type " + type + " at " + position);
            });
            position += alignedRecordLength(length);
        }
        return entries;
    }

    /** The string entries, in append order. */
    public List<String> strings() {
        return entries().stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** The long entries, in append order. */
    public List<Long> longs() {
        return entries().stream().filter(Long.class::isInstance).map(Long.class::cast).toList();
    }

    /** How many entries {@link #entries()} would return now. */
    public int size() {
        return entries().size();
    }

    @Override
    short kind() {
        return KIND_RECORDER;
    }

    @Override
    public String toString() {
        return "recorder '" + name() + "'";
    }
}
