package dev.spindle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Pool#asExecutorService()}: the standard interface over a pool. {@code submit} returns the
 * pool's own futures (so cancelling reaches the task); lifecycle methods act on the pool.
 *
 * <p>As {@link java.util.concurrent.ThreadPoolExecutor} does: a {@link Runnable} given to
 * {@link #execute} that throws has nobody to report to, so its exception goes to the
 * {@linkplain Thread#getUncaughtExceptionHandler() uncaught-exception handler} of the thread
 * that ran it (on a backend that runs tasks in another process, that process's thread); and {@link #shutdownNow()} returns the very {@code Runnable}s that were
 * given to {@code execute} and {@code submit}. A task given as a {@link Callable} (or submitted
 * through the pool itself) is returned as a {@code Runnable} that calls it.
 *
 * <p>A {@code Runnable} or {@code Callable} is carried as a task; on a backend that serialises,
 * it must itself be serialisable.
 */
final class ExecutorServiceView extends AbstractExecutorService {

    private final DispatchPool pool;

    ExecutorServiceView(DispatchPool pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        pool.submit(new ExecutedTask(command));
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return pool.submit(new CallableTask<>(task));
    }

    @Override
    public Future<?> submit(Runnable task) {
        Objects.requireNonNull(task, "task");
        return pool.submit(new RunnableTask<>(task, null));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task, "task");
        return pool.submit(new RunnableTask<>(task, result));
    }

    // invokeAll and invokeAny: AbstractExecutorService's would hand execute() its own FutureTask
    // wrappers, which a serialising backend cannot carry; here only the callables travel.

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return invokeAll(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long start = System.nanoTime();
        long nanos = unit.toNanos(timeout); // saturates
        List<CompletableFuture<T>> futures = submitAll(tasks);
        try {
            for (CompletableFuture<T> future : futures) {
                long left = nanos - (System.nanoTime() - start);
                if (left <= 0) {
                    break;
                }
                try {
                    future.get(left, TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException | TimeoutException e) {
                    // its outcome is in its future
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(true));
            throw e;
        }
        futures.forEach(future -> future.cancel(true)); // those not done in time; no effect on the rest
        return List.copyOf(futures);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no timeout was set", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        long nanos = unit.toNanos(timeout);
        List<CompletableFuture<T>> futures = submitAll(tasks);
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        LinkedBlockingQueue<CompletableFuture<T>> completed = new LinkedBlockingQueue<>();
        futures.forEach(future -> future.whenComplete((value, error) -> completed.add(future)));
        try {
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++) {
                CompletableFuture<T> next = completed.poll(nanos - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new TimeoutException("no task of invokeAny succeeded within " + timeout + " " + unit);
                }
                try {
                    return next.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
    }

    private <T> List<CompletableFuture<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(new CallableTask<>(Objects.requireNonNull(task, "tasks holds a null element"))));
            }
        } catch (RuntimeException e) {
            futures.forEach(future -> future.cancel(true));
            throw e;
        }
        return futures;
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.closeNow().stream().map(ExecutorServiceView::asRunnable).toList();
    }

    private static Runnable asRunnable(Task<?> task) {
        return switch (task) {
            case RunnableTask<?> given -> given.runnable();
            case ExecutedTask given -> given.runnable();
            case CallableTask<?> given -> new CallableRunner(given.callable());
            default -> new CallableRunner(task);
        };
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

    /**
     * A {@code Runnable} given to {@code execute}: nobody holds its future, so what it throws goes
     * to the uncaught-exception handler of the thread it ran on, as in {@code ThreadPoolExecutor}.
     */
    private record ExecutedTask(Runnable runnable) implements Task<Void> {
        @Override
        public Void call() {
            try {
                runnable.run();
            } catch (RuntimeException | Error e) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
                throw e;
            }
            return null;
        }
    }

    /** A {@code Runnable} carried as a task, kept so that {@code shutdownNow} can hand it back. */
    private record RunnableTask<T>(Runnable runnable, T result) implements Task<T> {
        @Override
        public T call() {
            runnable.run();
            return result;
        }
    }

    /** A {@code Callable} carried as a task. */
    private record CallableTask<T>(Callable<T> callable) implements Task<T> {
        @Override
        public T call() throws Exception {
            return callable.call();
        }
    }

    /** A task that never ran, handed back by {@code shutdownNow} as a {@code Runnable}. */
    private record CallableRunner(Callable<?> callable) implements Runnable {
        @Override
        public void run() {
            try {
                callable.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }
    }
}
