package dev.spindle;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@link Pool#asExecutorService()}: the standard interface over a pool. {@code submit} returns the
 * pool's own futures (so cancelling reaches the task); lifecycle methods act on the pool.
 * A {@link Runnable} or {@link Callable} is carried as a task; on a backend that serialises, it
 * must itself be serialisable.
 */
final class ExecutorServiceView extends AbstractExecutorService {

    private final DispatchPool pool;

    ExecutorServiceView(DispatchPool pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        pool.run(command::run);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return pool.submit(task::call);
    }

    @Override
    public Future<?> submit(Runnable task) {
        Objects.requireNonNull(task, "task");
        return pool.run(task::run);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task, "task");
        return pool.submit(() -> {
            task.run();
            return result;
        });
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.closeNow().stream().<Runnable>map(task -> () -> {
            try {
                task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).toList();
    }

    @Override
    public boolean isShutdown() {
        return pool.isClosed();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        // TimeUnit.toNanos saturates, as the timeout rule asks; Duration.of(timeout, unit) throws.
        return pool.awaitTermination(Duration.ofNanos(Objects.requireNonNull(unit, "unit").toNanos(timeout)));
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "ExecutorService view of " + pool;
    }
}
