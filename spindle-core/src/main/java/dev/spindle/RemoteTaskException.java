package dev.spindle;

import java.io.Serial;

/**
 * A task's exception that could not be rebuilt where the result arrived (a backend that runs
 * tasks in another process or machine, when the exception's class cannot be loaded or
 * deserialised here). Keeps the original class name, message and stack trace.
 */
public final class RemoteTaskException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    public RemoteTaskException(String remoteClassName, String message, StackTraceElement[] remoteStackTrace) {
        super(remoteClassName + (message == null ? "" : ": " + message));
        this.remoteClassName = remoteClassName;
        setStackTrace(remoteStackTrace.clone());
    }

    /** The fully qualified class name of the exception the task threw. */
    public String remoteClassName() {
        return remoteClassName;
    }
}
