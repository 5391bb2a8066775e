package dev.spindle.process;

import java.io.Serial;

/**
 * A worker JVM could not be started: the JVM refused its options, it exited or hung before its
 * handshake, or the pool's initializer threw (then the initializer's exception is the cause). The
 * message carries what the JVM printed, so a refused option is reported in the JVM's own words.
 *
 * <p>Thrown by {@link ProcessPool.Builder#build()} for the workers it starts up front; a worker
 * started later for waiting tasks fails those tasks with it, if no other worker is left to run
 * them. The pool does not retry a failed start on its own: the next task tries again.
 */
public final class WorkerStartException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message which worker, and what went wrong, with the JVM's output */
    public WorkerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
