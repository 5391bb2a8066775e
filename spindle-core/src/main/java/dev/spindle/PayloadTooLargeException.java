package dev.spindle;

import java.io.Serial;
import java.util.Objects;

/**
 * A task, or its result, is larger than its backend can carry between processes or machines. A
 * task too large is refused at {@code submit}, where the mistake is made; a result too large fails
 * the task's future. Share large data another way (a file, shared memory) and send its name.
 */
public final class PayloadTooLargeException extends BackendException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Which side of the exchange was too large. */
    public enum Payload {
        /** The task with what it captures, on its way to a worker. */
        TASK,
        /** The task's result, on its way back. */
        RESULT
    }

    private final Payload payload;
    private final long bytes;
    private final long limit;

    /**
     * @param bytes its serialised size, or at least how far serialisation got before it stopped
     * @param limit the most the backend carries
     */
    public PayloadTooLargeException(Payload payload, long bytes, long limit) {
        super("the " + Objects.requireNonNull(payload, "payload").name().toLowerCase(java.util.Locale.ROOT)
                + " is " + bytes + " bytes serialised, more than the " + limit + " bytes its backend carries", null);
        this.payload = payload;
        this.bytes = bytes;
        this.limit = limit;
    }

    public Payload payload() {
        return payload;
    }

    public long bytes() {
        return bytes;
    }

    public long limit() {
        return limit;
    }
}
