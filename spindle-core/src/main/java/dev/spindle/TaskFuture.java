package dev.spindle;

import java.util.concurrent.CompletableFuture;

/**
 * The future of a pooled task. Unlike a plain {@link CompletableFuture}, cancelling it reaches the
 * task: a waiting task is dropped, a running one is interrupted when {@code mayInterruptIfRunning}.
 * Dependent stages are plain futures, so cancelling one of them does not cancel the task.
 */
final class TaskFuture<T> extends CompletableFuture<T> {

    private final PoolJob job;

    TaskFuture(PoolJob job) {
        this.job = job;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            job.onFutureCancelled(mayInterruptIfRunning);
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public String toString() {
        return job + super.toString().substring(super.toString().indexOf('['));
    }
}
