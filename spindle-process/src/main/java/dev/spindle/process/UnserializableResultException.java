package dev.spindle.process;

import java.io.Serial;

/**
 * A task ran in a worker JVM and returned a result that cannot be serialised, so it could not
 * be sent back. The message names the class that does not serialise; return a serialisable
 * value instead, or put large results in shared memory and return its name.
 */
public final class UnserializableResultException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what could not be sent, naming the class */
    public UnserializableResultException(String message, Throwable cause) {
        super(message, cause);
    }
}
