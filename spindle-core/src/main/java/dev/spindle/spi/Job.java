package dev.spindle.spi;

import dev.spindle.Task;

/**
 * One accepted task, as its pool hands it to a {@link Backend}. The pool implements this; a
 * backend only calls it. Every method is safe to call from any thread.
 *
 * <p>A job runs at most once. If it was cancelled before a worker took it, {@link #runHere} and
 * {@link #start} decline and the backend drops it.
 */
public interface Job extends Runnable {

    /** The task's number within its pool. */
    long id();

    /** The task to run. */
    Task<?> task();

    /**
     * For in-JVM backends that queue jobs in a JDK executor: {@link #runHere(String)} with the
     * current thread's name as the worker. A job is its own {@link Runnable}, so dispatching it
     * allocates nothing more.
     */
    @Override
    void run();

    /**
     * For in-JVM backends: runs the task on the current thread, which is reported as
     * {@code worker}, and completes the job's future. Never throws; the task's exception
     * completes the future. While the task runs, {@code cancel(true)} on its future interrupts this thread,
     * and the interrupt is cleared before this method returns so it cannot leak into the
     * worker's next job.
     */
    void runHere(String worker);

    /**
     * For backends that run the task elsewhere: marks the job started on {@code worker}.
     *
     * @param canceller called (at most once, on the cancelling thread) if the job's future is
     *        cancelled with {@code cancel(true)} while it runs; it should stop the remote work if
     *        it can. After {@code cancel(false)} the remote work runs on and its outcome is dropped.
     * @return {@code false} if the job was cancelled first: then it must not run
     */
    boolean start(String worker, Runnable canceller);

    /** Completes a started job with the task's result. Later calls are ignored. */
    void succeed(Object result);

    /**
     * Completes a started job with the task's exception, or with a {@link dev.spindle.BackendException}
     * when the backend itself failed to carry the task out. Later calls are ignored.
     *
     * <p>A {@link dev.spindle.WorkerLostException} for an {@linkplain dev.spindle.Task#idempotent
     * idempotent} task with attempts left does not end the job: the pool dispatches it again, and
     * the backend sees it as a new job to run (it may start on another worker).
     */
    void fail(Throwable error);

    /** Whether the job has ended (finished, failed or cancelled). */
    boolean isDone();
}
