package dev.spindle;

import java.io.Serial;

/**
 * Thrown by the stream of {@link Pool#map} or {@link Pool#mapUnordered} when the task for one
 * element failed. The cause is the task's own exception; {@link #index()} is the element's
 * zero-based position in the input.
 */
public final class MapFailedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long index;

    public MapFailedException(long index, Throwable cause) {
        super("map failed at input index " + index + ": " + cause, cause);
        this.index = index;
    }

    /** The zero-based position of the failed element in the input. */
    public long index() {
        return index;
    }
}
