package dev.spindle;

import dev.spindle.backend.ForkJoinBackend;
import dev.spindle.backend.SequentialBackend;
import dev.spindle.backend.ThreadsBackend;
import dev.spindle.backend.VirtualThreadsBackend;
import dev.spindle.spi.Backend;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * A set of workers that run {@link Task tasks}: one API over every execution model.
 *
 * <p>The same task code runs on every pool; what changes is the cost. Pick a pool by the work:
 *
 * <table>
 *   <caption>The in-JVM pools</caption>
 *   <tr><th>factory</th><th>workers</th><th>fits</th></tr>
 *   <tr><td>{@link #sequential()}</td><td>the caller</td><td>the baseline every measurement is compared with</td></tr>
 *   <tr><td>{@link #threads(int)}</td><td>n platform threads</td><td>CPU-bound work, blocking calls in small numbers</td></tr>
 *   <tr><td>{@link #virtualThreads()}</td><td>a virtual thread per task</td><td>thousands of blocking I/O calls</td></tr>
 *   <tr><td>{@link #forkJoin(int)}</td><td>n work-stealing threads</td><td>uneven or recursive CPU-bound work</td></tr>
 * </table>
 *
 * <p>Pools in other modules (worker JVMs, isolated class loaders, a cluster) implement the
 * {@link Backend} SPI. {@link #processes(int)} finds its module at run time; any backend can be
 * wrapped with {@link #using(Backend)}. They behave the same, which the shared contract test
 * suite checks.
 *
 * <h2>Results and failures</h2>
 * {@link #submit} returns a {@link CompletableFuture}: it completes with the task's result, or
 * exceptionally with the task's own exception as its cause. Cancelling it with
 * {@code cancel(true)} interrupts the task if it is running where the backend can interrupt it,
 * and removes it if it has not started. {@link #map} is lazy, ordered and bounded; a failed
 * element surfaces as a {@link MapFailedException} naming its index.
 *
 * <h2>Closing</h2>
 * {@link #close()} stops accepting tasks and waits for every accepted one to finish;
 * {@link #closeNow()} cancels the tasks that have not started, interrupts the running ones and
 * returns the tasks that never ran. Submitting to a closed pool throws
 * {@link PoolClosedException} at once.
 *
 * <h2>Events</h2>
 * Every pool reports {@link TaskEvent}s (submitted, started on a worker, finished, failed,
 * cancelled) to the {@link TaskListener}s {@linkplain #listen registered} on it.
 *
 * <p>Pools are safe for use by many threads. No method accepts {@code null}: each throws
 * {@link NullPointerException} naming the argument.
 */
public sealed interface Pool extends AutoCloseable permits DispatchPool {

    /**
     * A pool that runs each task in the calling thread, at submission: no parallelism, no
     * overhead. The baseline that speed-ups are measured against.
     */
    static Pool sequential() {
        return new DispatchPool(new SequentialBackend());
    }

    /**
     * A pool of {@code workers} platform threads sharing one queue.
     *
     * <p>A task that submits a subtask to its own pool and waits for it holds its worker while
     * it waits; once every worker waits so, the subtasks never start: the pool starves. Split
     * work recursively on {@link #forkJoin(int)}, which compensates waiting workers. The same
     * holds for {@link #virtualThreads(int)}, whose permit is held while a task waits.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    static Pool threads(int workers) {
        return new DispatchPool(new ThreadsBackend(workers));
    }

    /** A pool that starts a virtual thread for every task, with no limit on how many run at once. */
    static Pool virtualThreads() {
        return new DispatchPool(new VirtualThreadsBackend(Integer.MAX_VALUE));
    }

    /**
     * A pool that starts a virtual thread for every task but lets at most {@code maxConcurrency}
     * of them run at once; the others wait their turn without blocking the submitter.
     *
     * @throws IllegalArgumentException if {@code maxConcurrency < 1}
     */
    static Pool virtualThreads(int maxConcurrency) {
        return new DispatchPool(new VirtualThreadsBackend(maxConcurrency));
    }

    /**
     * A work-stealing pool of {@code workers} threads ({@link java.util.concurrent.ForkJoinPool}).
     * Tasks may submit subtasks to the same pool and wait for them: a waiting worker steals work
     * or is compensated, so recursive splitting does not starve the pool.
     *
     * @throws IllegalArgumentException if {@code workers < 1} or {@code workers > 32767}, the
     *         most a {@code ForkJoinPool} takes
     */
    static Pool forkJoin(int workers) {
        return new DispatchPool(new ForkJoinBackend(workers));
    }

    /**
     * A pool of {@code workers} worker JVMs, each running one task at a time: Python's
     * {@code ProcessPoolExecutor} for the JVM. Tasks, inputs and results are serialised; a worker
     * that dies fails only the task it was running and is replaced. The pool lives in the module
     * {@code dev.spindle:spindle-process}, which must be on the class path or module path; its
     * {@code ProcessPool.builder()} sets every other option.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws IllegalStateException if {@code spindle-process} is missing, naming the dependency to add
     */
    static Pool processes(int workers) {
        return Providers.create("processes", "spindle-process", workers);
    }

    /**
     * A pool of {@code workers} isolated workers in this JVM, each loading the task's classes
     * through a class loader of its own, so that statics exist once per worker (module
     * {@code spindle-isolate}, found at run time).
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws IllegalStateException    if the module is not on the class path, naming it
     */
    static Pool isolated(int workers) {
        return Providers.create("isolated", "spindle-isolate", workers);
    }

    /**
     * A pool of {@code workers} tasks at once on a cluster of JVMs that this call starts: one
     * member embedded in this JVM, bound to loopback, which other members may join (module
     * {@code spindle-cluster}, on Apache Ignite, found at run time). Closing the pool stops the
     * member. For a cluster of several machines, or several pools on one cluster, use
     * {@code dev.spindle.cluster.Cluster}.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws IllegalStateException    if the module is not on the class path, naming it, or the
     *                                  JVM lacks the flags the cluster needs, naming them
     */
    static Pool cluster(int workers) {
        return Providers.create("cluster", "spindle-cluster", workers);
    }

    /**
     * A pool over a backend from another module. The pool brings the whole contract (futures,
     * bounded map, events, closing); the backend only runs jobs. For backend authors.
     */
    static Pool using(Backend backend) {
        return new DispatchPool(backend);
    }

    /** The pool's name, such as {@code threads(4)}, as it appears in events and reports. */
    String name();

    /** How many tasks can run at once, or {@link Integer#MAX_VALUE} if the pool sets no bound. */
    int parallelism();

    /**
     * Schedules a task.
     *
     * @return a future completed with the task's result, or exceptionally with its exception
     * @throws PoolClosedException if the pool is closed
     * @throws IllegalArgumentException if the backend cannot carry the task (a backend that
     *         serialises refuses a task whose captured state is not serialisable)
     */
    <T> CompletableFuture<T> submit(Task<T> task);

    /** Schedules an action; as {@link #submit(Task)}, with a {@code null} result. */
    CompletableFuture<Void> run(Action action);

    /**
     * Applies {@code fn} to every input, in parallel, and returns the results in input order.
     *
     * <p><b>Lazy</b>, unlike Python's {@code Executor.map}: nothing is submitted until the stream
     * is consumed, so a stream that is built and never consumed runs nothing.
     * <pre>{@code
     * Stream<Long> counts = pool.map(r -> countPrimes(r), ranges);   // nothing runs yet
     * long total = counts.mapToLong(Long::longValue).sum();           // now the tasks run
     * }</pre>
     *
     * <p><b>Bounded</b>: at most {@code options.inFlight()} tasks are in flight at any time, and
     * the input is read no further ahead than that, so an infinite input runs in constant memory.
     * By default the pool chooses how many inputs each task carries, so that tiny inputs are
     * grouped and slow ones are not ({@link MapOptions}).
     *
     * <p><b>Failures</b>: if the task for some element fails, the stream throws a
     * {@link MapFailedException} with that element's index when the consumer reaches it. Inputs
     * may be {@code null}: they are passed to {@code fn} as they are.
     *
     * <p><b>Nothing outlives its consumer</b>: the tasks still in flight are cancelled when an
     * element fails, when reading the input throws, when the consumer stops early
     * ({@code limit}, {@code findFirst}, {@code anyMatch}...) or throws, when the consuming
     * thread is interrupted while it waits (the stream then throws
     * {@link java.util.concurrent.CancellationException} and the interrupt status is kept), and
     * when the stream is closed. A consumer that takes the stream's {@code iterator()} and leaves
     * it half-way should close the stream (try-with-resources) to cancel them.
     *
     * @throws PoolClosedException (when consumed) if the pool is closed
     */
    <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs, MapOptions options);

    /** {@link #map(TaskFunction, Iterable, MapOptions)} with the {@linkplain MapOptions#defaults() default options}. */
    <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs);

    /**
     * {@link #map(TaskFunction, Iterable, MapOptions)} over a stream, which is read lazily;
     * closing the result closes {@code inputs}.
     */
    <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Stream<? extends T> inputs, MapOptions options);

    /** {@link #map(TaskFunction, Stream, MapOptions)} with the default options. */
    <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Stream<? extends T> inputs);

    /** {@link #map(TaskFunction, Iterable, MapOptions)} over an iterator, which is read lazily. */
    <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, MapOptions options);

    /**
     * As {@link #map(TaskFunction, Iterable, MapOptions)}, but yields each result as soon as its
     * task completes, in completion order. Equally lazy and bounded, and cancels what is in
     * flight on the same occasions; every input yields exactly one result unless an element
     * fails, which throws {@link MapFailedException}.
     */
    <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs, MapOptions options);

    /** {@link #mapUnordered(TaskFunction, Iterable, MapOptions)} with the default options. */
    <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs);

    /** {@link #mapUnordered(TaskFunction, Iterable, MapOptions)} over a stream, read lazily; closing the result closes {@code inputs}. */
    <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Stream<? extends T> inputs, MapOptions options);

    /** {@link #mapUnordered(TaskFunction, Stream, MapOptions)} with the default options. */
    <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Stream<? extends T> inputs);

    /** {@link #mapUnordered(TaskFunction, Iterable, MapOptions)} over an iterator, which is read lazily. */
    <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, MapOptions options);

    /**
     * Registers a listener for this pool's task events. Listeners are called on the thread where
     * the event happens, so they must be quick; one that throws is logged and never harms the pool.
     * One that blocks holds that thread — a worker, which then starts no other task, or the
     * submitter — but never a task's result: a task's future is complete before its finished or
     * failed event is sent.
     *
     * @return a handle whose {@code close()} removes the listener
     */
    Subscription listen(TaskListener listener);

    /**
     * A standard {@link ExecutorService} over this pool, for code that expects one. Its
     * {@code shutdown}, {@code shutdownNow} and {@code close} act on this pool, and its
     * {@code awaitTermination} reads its timeout by the {@linkplain dev.spindle##timeouts timeout
     * rule}.
     */
    ExecutorService asExecutorService();

    /** Whether {@link #close()} or {@link #closeNow()} has been called. */
    boolean isClosed();

    /**
     * Stops accepting tasks and waits until every accepted task has finished. Idempotent. If the
     * calling thread is interrupted while waiting, the pool is {@linkplain #closeNow() closed
     * now} and the interrupt status is kept.
     *
     * @throws IllegalStateException if called from one of this pool's own tasks, which would
     *         wait for itself forever
     */
    @Override
    void close();

    /**
     * Stops accepting tasks, cancels those that have not started and those running (their
     * futures complete with a {@link java.util.concurrent.CancellationException}, and running
     * tasks are interrupted where the backend can). Does not wait: call {@link #close()} after it
     * to wait until the workers have stopped.
     *
     * @return the tasks that were accepted and whose code never started, in no particular order (an
     *         idempotent task waiting to be sent again after a lost worker is among them, though
     *         it may have run in part on that worker)
     */
    List<Task<?>> closeNow();
}
