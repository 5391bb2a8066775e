package dev.spindle.structured;

import dev.spindle.DeadlineExceededException;
import dev.spindle.Pool;
import dev.spindle.Task;
import dev.spindle.backend.ThreadsBackend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The everyday shapes of structured concurrency, each one {@link TaskGroup} underneath, so every
 * subtask ends before the method returns:
 *
 * <ul>
 *   <li>{@link #gather}: run all, results in order, the first failure cancels the rest;</li>
 *   <li>{@link #gatherSettled}: run all, an {@link Outcome} each, no cancelling;</li>
 *   <li>{@link #firstSuccessful}: the first result wins, the rest are cancelled;</li>
 *   <li>{@link #withTimeout}: one call bounded in time;</li>
 *   <li>{@link #offload}: blocking or CPU-heavy work moved off a virtual thread onto platform
 *       threads (Python's {@code asyncio.to_thread}).</li>
 * </ul>
 *
 * <p>A task's exception is rethrown as it is when it is unchecked; a checked one is wrapped in a
 * {@link CompletionException}, as {@link CompletableFuture#join()} does. Every method throws
 * {@link InterruptedException} if the caller is interrupted, after cancelling its subtasks.
 */
public final class Structured {

    private static final Object NONE = new Object();

    private Structured() {}

    /**
     * Runs every task concurrently and returns their results in the tasks' order.
     *
     * @throws GroupFailedException if any failed (the others were cancelled)
     */
    public static <T> List<T> gather(Collection<? extends Callable<? extends T>> tasks) throws InterruptedException {
        return gatherIn(copy(tasks), TaskGroup::open);
    }

    /** {@link #gather(Collection)} with the tasks as arguments: {@code gather(() -> a(), () -> b())}. */
    @SafeVarargs
    public static <T> List<T> gather(Callable<? extends T>... tasks) throws InterruptedException {
        List<Callable<? extends T>> all = new ArrayList<>(tasks.length); // the array itself never leaves this method
        for (Callable<? extends T> task : tasks) {
            all.add(task);
        }
        return gather(all);
    }

    /**
     * As {@link #gather(Collection)}, within a deadline read by the
     * {@linkplain dev.spindle##timeouts timeout rule}.
     *
     * @throws DeadlineExceededException if they were not all done in time
     */
    public static <T> List<T> gather(Collection<? extends Callable<? extends T>> tasks, Duration deadline) throws InterruptedException {
        List<Callable<? extends T>> all = copy(tasks);
        Objects.requireNonNull(deadline, "deadline");
        return gatherIn(all, () -> TaskGroup.open(deadline));
    }

    private static <T> List<T> gatherIn(List<Callable<? extends T>> all, Supplier<TaskGroup<T>> opener) throws InterruptedException {
        try (TaskGroup<T> group = opener.get()) {
            all.forEach(group::fork);
            return group.join();
        }
    }

    /** Runs every task concurrently to its end, and returns how each ended, in the tasks' order. */
    public static <T> List<Outcome<T>> gatherSettled(Collection<? extends Callable<? extends T>> tasks) throws InterruptedException {
        List<Callable<? extends T>> all = copy(tasks);
        try (TaskGroup<Outcome<T>> group = TaskGroup.open()) {
            for (Callable<? extends T> task : all) {
                group.fork(() -> {
                    try {
                        return new Outcome.Success<>(task.call());
                    } catch (Exception e) {
                        return new Outcome.Failure<>(e);
                    }
                });
            }
            return group.join();
        }
    }

    /**
     * Runs every task concurrently and returns the first result to arrive; the others are
     * cancelled.
     *
     * @throws GroupFailedException if every task failed; its cause is the first failure to
     *         happen, and its failures are in the order they happened
     * @throws IllegalArgumentException if there are no tasks
     */
    public static <T> T firstSuccessful(Collection<? extends Callable<? extends T>> tasks) throws InterruptedException {
        return firstSuccessfulIn(copy(tasks), TaskGroup::open);
    }

    /**
     * As {@link #firstSuccessful(Collection)}, within a deadline read by the
     * {@linkplain dev.spindle##timeouts timeout rule}.
     *
     * @throws DeadlineExceededException if no task succeeded in time
     */
    public static <T> T firstSuccessful(Collection<? extends Callable<? extends T>> tasks, Duration deadline) throws InterruptedException {
        List<Callable<? extends T>> all = copy(tasks);
        Objects.requireNonNull(deadline, "deadline");
        return firstSuccessfulIn(all, () -> TaskGroup.open(deadline));
    }

    @SuppressWarnings("unchecked")
    private static <T> T firstSuccessfulIn(List<Callable<? extends T>> all, Supplier<TaskGroup<Object>> opener) throws InterruptedException {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("firstSuccessful needs at least one task");
        }
        // A failure must not cancel the siblings here, only a success: so every fork records its
        // failure, as it happens, and ends normally; the first success cancels the group.
        AtomicReference<Object> winner = new AtomicReference<>(NONE);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (TaskGroup<Object> group = opener.get()) {
            for (Callable<? extends T> task : all) {
                group.fork(() -> {
                    try {
                        T value = task.call();
                        if (winner.compareAndSet(NONE, new Object[] {value})) {
                            group.cancel();
                        }
                    } catch (Exception e) {
                        failures.add(e);
                    }
                    return null;
                });
            }
            try {
                group.join();
            } catch (CancellationException | DeadlineExceededException e) {
                if (winner.get() == NONE) {
                    throw e;
                }
            }
            if (winner.get() != NONE) {
                return (T) ((Object[]) winner.get())[0];
            }
            throw new GroupFailedException("firstSuccessful: every task failed", List.copyOf(failures));
        }
    }

    /**
     * Runs {@code task} and returns its result, or cancels it when {@code timeout}, read by the
     * {@linkplain dev.spindle##timeouts timeout rule}, passes.
     *
     * <p>Cancelling interrupts the task's thread, and this method waits until the task has
     * actually ended, so that it never outlives the call: a task that ignores the interrupt
     * keeps running, and the call returns (with {@link DeadlineExceededException}) only once it
     * ends, however long after the timeout that is. Python's {@code asyncio.wait_for} waits for
     * its cancelled task in the same way.
     *
     * @throws DeadlineExceededException if it did not finish in time
     */
    public static <T> T withTimeout(Duration timeout, Callable<? extends T> task) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(task, "task");
        try (TaskGroup<T> group = TaskGroup.open(timeout)) {
            Subtask<T> subtask = group.fork(task);
            try {
                group.join();
            } catch (GroupFailedException e) {
                throw unchecked(e.getCause());
            }
            return subtask.get();
        }
    }

    /**
     * Runs {@code task} on a shared pool of platform threads, one per core, and waits for it.
     * From a virtual thread, this keeps CPU-heavy or pinning work off the carrier threads.
     * Interrupting the caller cancels the task. The pool's threads are named
     * {@code spindle-offload-<pool>-<n>}.
     *
     * <p><b>The shared pool can starve.</b> It is one pool for the whole JVM, hidden from the
     * caller, with as many threads as there are cores. A task that waits while it holds one of
     * them (it offloads again and waits for that, or blocks on I/O, a lock, or another task)
     * keeps the thread from other work; once as many callers as there are cores do so at once,
     * every thread waits and nothing offloaded runs again. Offload only short work that neither
     * blocks nor offloads. For work that does, use {@link #offload(Pool, Task)} with a pool of
     * the caller's own, sized for it: {@link Pool#virtualThreads()} for blocking calls,
     * {@link Pool#forkJoin(int)} for work that splits and waits for its parts.
     */
    public static <T> T offload(Callable<? extends T> task) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        return offload(SharedPlatformPool.POOL, task::call);
    }

    /** As {@link #offload(Callable)}, on the given pool. */
    public static <T> T offload(Pool pool, Task<T> task) throws InterruptedException {
        Objects.requireNonNull(pool, "pool");
        CompletableFuture<T> future = pool.submit(task);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    private static RuntimeException unchecked(Throwable error) {
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new CompletionException(error);
    }

    private static <T> List<Callable<? extends T>> copy(Collection<? extends Callable<? extends T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        List<Callable<? extends T>> all = new ArrayList<>(tasks.size());
        for (Callable<? extends T> task : tasks) {
            all.add(Objects.requireNonNull(task, "tasks holds a null element"));
        }
        return all;
    }

    /** Created on first use; its threads are daemons, so it never keeps the JVM alive. */
    private static final class SharedPlatformPool {
        static final Pool POOL = Pool.using(new ThreadsBackend(Runtime.getRuntime().availableProcessors(), "offload"));
    }
}
