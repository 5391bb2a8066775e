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
}
