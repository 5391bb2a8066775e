package dev.spindle;

import java.io.Serial;

/**
 * Thrown by {@link Parallel} when the function failed on one input: names the input's position
 * and, when {@link Parallel} still holds it, the input itself. The cause is the function's own
 * exception.
 */
public final class JobFailedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long index;

    JobFailedException(long index, String input, Throwable cause) {
        super("input #" + index + (input == null ? "" : " (" + input + ")") + " failed: " + cause, cause);
        this.index = index;
    }

    /** The zero-based position of the failed input. */
    public long index() {
        return index;
    }
}
