package dev.spindle;

import java.io.Serial;
import java.util.Objects;

/**
 * The worker running a task died or became unreachable before the task's outcome arrived (a
 * worker JVM that crashed or was killed, a cluster node that left). The task may not have run,
 * or may have run in part or in full: the pool cannot know, so it does not run it again unless
 * the task is {@linkplain Task#idempotent(Task) idempotent}. The message says what the backend
 * knows: exit code or signal, the last lines the worker printed.
 */
public final class WorkerLostException extends BackendException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String worker;

    /**
     * @param worker the lost worker's name, as in task events
     * @param what   what happened to it, such as "exited with code 137 (SIGKILL)"
     */
    public WorkerLostException(String worker, String what) {
        this(worker, what, null);
    }

    /** As {@link #WorkerLostException(String, String)}, with the error that revealed the loss. */
    public WorkerLostException(String worker, String what, Throwable cause) {
        super("worker " + Objects.requireNonNull(worker, "worker") + " was lost while running the task: "
                + Objects.requireNonNull(what, "what"), cause);
        this.worker = worker;
    }

    /** The name of the worker that was lost. */
    public String worker() {
        return worker;
    }
}
