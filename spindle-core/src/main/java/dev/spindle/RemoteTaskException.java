package dev.spindle;

import java.io.Serial;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

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

    /**
     * A copy of {@code error} that any JVM can rebuild: a {@code RemoteTaskException} keeping its
     * class name, message and stack trace, with its causes and suppressed exceptions copied the
     * same way (a cycle of causes is cut where it closes). For backends that carry a task's
     * exception out of the JVM, class loader or machine where it was thrown.
     */
    public static RemoteTaskException copyOf(Throwable error) {
        return copyOf(error, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static RemoteTaskException copyOf(Throwable error, Set<Throwable> seen) {
        seen.add(error);
        RemoteTaskException copy = new RemoteTaskException(error.getClass().getName(), error.getMessage(), error.getStackTrace());
        Throwable cause = error.getCause();
        if (cause != null && !seen.contains(cause)) {
            copy.initCause(copyOf(cause, seen));
        }
        for (Throwable suppressed : error.getSuppressed()) {
            if (!seen.contains(suppressed)) {
                copy.addSuppressed(copyOf(suppressed, seen));
            }
        }
        return copy;
    }

    /** The fully qualified class name of the exception the task threw. */
    public String remoteClassName() {
        return remoteClassName;
    }
}
