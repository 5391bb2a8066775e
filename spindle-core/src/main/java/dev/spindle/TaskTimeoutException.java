package dev.spindle;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * A task ran longer than the time limit its backend enforces, and the worker running it was
 * stopped (a worker JVM is killed and replaced: a thread cannot be stopped safely, a process
 * can). Distinct from {@link DeadlineExceededException}, which a caller's own deadline raises
 * while the work is cancelled cooperatively. Never retried: it would most likely time out again.
 */
public final class TaskTimeoutException extends BackendException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String worker;
    private final Duration limit;

    public TaskTimeoutException(String worker, Duration limit) {
        super("the task ran longer than its limit of " + Objects.requireNonNull(limit, "limit")
                + " on worker " + Objects.requireNonNull(worker, "worker") + ", which was stopped", null);
        this.worker = worker;
        this.limit = limit;
    }

    /** The worker that was running the task. */
    public String worker() {
        return worker;
    }

    /** The time limit the task exceeded. */
    public Duration limit() {
        return limit;
    }
}
