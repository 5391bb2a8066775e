package dev.spindle.isolate;

import java.io.Serial;

/**
 * A task, a result or a class that cannot cross into or out of an isolated worker: a value that
 * is not serialisable (named by its class), or a class the worker's loader cannot find (named,
 * with the class path it searched). The task's own exceptions arrive as themselves, never as this.
 */
public final class IsolateCrossingException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Made by the pool. */
    public IsolateCrossingException(String message, Throwable cause) {
        super(message, cause);
    }
}
