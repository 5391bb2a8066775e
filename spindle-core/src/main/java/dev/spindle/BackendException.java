package dev.spindle;

import java.io.Serial;

/**
 * The backend failed to run a task: a failure of the engine, never the task's own exception. A
 * task's future fails with one of these as its cause when the work could not be carried out
 * where it was sent, so that a caller can tell "my code threw" (any other cause) from "the
 * machinery failed" ({@code cause instanceof BackendException}), as Ignite keeps
 * {@code ClusterTopologyException} apart from a job's exception.
 *
 * <p>Only backends that run tasks outside this JVM raise them:
 * <ul>
 *   <li>{@link WorkerLostException}: the worker running the task died or became unreachable, so
 *       whether the task ran, partly or fully, is unknown. Delivery is <b>at most once</b>: the
 *       pool does not run the task again unless it was marked {@linkplain Task#idempotent(Task)
 *       idempotent}, in which case it is retried on another worker.</li>
 *   <li>{@link TaskTimeoutException}: the task ran longer than the time limit its backend was
 *       configured with, and its worker was stopped. Never retried.</li>
 *   <li>{@link PayloadTooLargeException}: the task or its result is too large to carry. A task
 *       too large is refused at {@code submit}; a result too large fails the future.</li>
 * </ul>
 */
public abstract sealed class BackendException extends RuntimeException
        permits WorkerLostException, TaskTimeoutException, PayloadTooLargeException {

    @Serial
    private static final long serialVersionUID = 1L;

    BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
