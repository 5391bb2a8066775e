package dev.spindle.testkit;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static dev.spindle.testkit.SharedFileDescriptor.GATE_OPEN;
import static dev.spindle.testkit.SharedFileDescriptor.GATE_SHUT;
import static dev.spindle.testkit.SharedFileDescriptor.GATE_STATE_OFFSET;
import static dev.spindle.testkit.SharedFileDescriptor.KIND_GATE;

/**
 * A gate that opens once and stays open, shared by every thread and process that holds a copy
 * of this handle: a one-shot {@link java.util.concurrent.CountDownLatch} of count one that
 * survives serialisation. Made by {@link SharedState#gate(String)}.
 *
 * <pre>{@code
 * SharedGate started = shared.gate("started");
 * pool.submit(() -> { started.open(); ... });      // the task may run in another JVM
 * assertTrue(started.await(Duration.ofSeconds(30)));
 * }</pre>
 *
 * <p>Safe for use by many threads and processes. Opening publishes what the opener wrote to
 * shared memory before it, to whoever then sees the gate open.
 */
public final class SharedGate extends SharedHandle {

    @Serial
    private static final long serialVersionUID = 1L;

    SharedGate(String file, String name, MemorySegment segment) {
        super(file, name, segment);
    }

    /**
     * Opens the gate; idempotent.
     *
     * @return whether this call opened it ({@code false} if it was open already)
     */
    public boolean open() {
        return INT.compareAndSet(segment(), GATE_STATE_OFFSET, GATE_SHUT, GATE_OPEN);
    }

    /** Whether the gate has been opened. */
    public boolean isOpen() {
        return (int) INT.getAcquire(segment(), GATE_STATE_OFFSET) == GATE_OPEN;
    }

    /**
     * Waits until the gate is open, or until {@code timeout} has passed. A timeout of zero or
     * less checks once.
     *
     * @return whether the gate opened in time
     * @throws InterruptedException if the thread is interrupted before or while it waits
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return SharedWaits.until(this::isOpen, timeout);
    }

    @Override
    short kind() {
        return KIND_GATE;
    }

    @Override
    public String toString() {
        return "gate '" + name() + "'";
    }
}
