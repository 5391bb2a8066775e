package dev.spindle.testkit;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static dev.spindle.testkit.SharedFileDescriptor.COUNTER_VALUE_OFFSET;
import static dev.spindle.testkit.SharedFileDescriptor.KIND_COUNTER;

/**
 * A 64-bit counter shared by every thread and process that holds a copy of this handle: an
 * {@link java.util.concurrent.atomic.AtomicLong} that survives serialisation. Starts at zero.
 * Made by {@link SharedState#counter(String)}.
 *
 * <p>Safe for use by many threads and processes: every update is one atomic instruction on the
 * shared memory, so no increment is lost, whichever process makes it.
 */
public final class SharedCounter extends SharedHandle {

    @Serial
    private static final long serialVersionUID = 1L;

    SharedCounter(String file, String name, MemorySegment segment) {
        super(file, name, segment);
    }

    /** Adds one and returns the new value. */
    public long incrementAndGet() {
        return addAndGet(1);
    }

    /** Adds {@code delta} (which may be negative) and returns the new value. */
    public long addAndGet(long delta) {
        return (long) LONG.getAndAdd(segment(), COUNTER_VALUE_OFFSET, delta) + delta;
    }

    /** The current value. */
    public long get() {
        return (long) LONG.getAcquire(segment(), COUNTER_VALUE_OFFSET);
    }

    /**
     * Waits until the value is at least {@code value}, or until {@code timeout} has passed. A
     * timeout of zero or less checks once.
     *
     * @return whether the value reached {@code value} in time
     * @throws InterruptedException if the thread is interrupted before or while it waits
     */
    public boolean awaitAtLeast(long value, Duration timeout) throws InterruptedException {
        return SharedWaits.until(() -> get() >= value, timeout);
    }

    @Override
    short kind() {
        return KIND_COUNTER;
    }

    @Override
    public String toString() {
        return "counter '" + name() + "'";
    }
}
