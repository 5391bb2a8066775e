package dev.spindle;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A unit of work that returns a value: what {@link Pool#submit(Task)} runs.
 *
 * <p>A task is a {@link Callable} that is also {@link Serializable}, so a plain lambda is a valid
 * task on every backend: the in-JVM backends call it directly and never serialise it; backends
 * that run work in another process or machine serialise the lambda and what it captures, and
 * refuse at submission a task whose captured state cannot be serialised.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface Task<T> extends Callable<T>, Serializable {

    /**
     * Does the work.
     *
     * @return the result, which may be {@code null}
     * @throws Exception whatever the work throws: it becomes the cause of the task's future
     */
    @Override
    T call() throws Exception;

    /**
     * The same task, marked safe to run more than once: if the worker running it is lost
     * ({@link WorkerLostException}), the pool runs it again on another worker, up to three
     * attempts in all. Every other failure ends the task at once, as for any task.
     *
     * <p>Without this mark a task runs <b>at most once</b>: a lost worker fails its future,
     * since the task may have done part or all of its work (sent a message, written a file)
     * before the worker died. Mark only work whose repetition is harmless. Backends that run
     * tasks in this JVM never lose a worker, so the mark changes nothing there.
     *
     * @throws NullPointerException if {@code task} is null
     */
    static <T> Task<T> idempotent(Task<T> task) {
        return idempotent(task, IdempotentTask.DEFAULT_ATTEMPTS);
    }

    /**
     * As {@link #idempotent(Task)}, with at most {@code maxAttempts} attempts in all.
     *
     * @throws IllegalArgumentException if {@code maxAttempts < 1}
     */
    static <T> Task<T> idempotent(Task<T> task, int maxAttempts) {
        return new IdempotentTask<>(task, maxAttempts);
    }
}
