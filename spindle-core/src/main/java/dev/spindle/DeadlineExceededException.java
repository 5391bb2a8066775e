package dev.spindle;

import java.io.Serial;
import java.time.Duration;

/**
 * Thrown when a deadline passes before the work it bounds is done: a task group's deadline, a
 * call with a timeout, {@link Futures#asCompleted(java.util.Collection, Duration)}. The work was
 * cancelled when this was thrown.
 */
public final class DeadlineExceededException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public DeadlineExceededException(String what, Duration limit) {
        super(what + " did not finish within " + limit);
    }
}
