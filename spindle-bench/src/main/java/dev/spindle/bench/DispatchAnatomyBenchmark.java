package dev.spindle.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the time of Spindle's dispatch path goes: the same batch as {@link DispatchBenchmark},
 * on a raw executor, with the steps of Spindle's path added one at a time. A factorial
 * experiment, not a comparison: it uses the JDK only, so that it can replay a proposed change to
 * core before anyone makes it.
 *
 * <h2>The steps</h2>
 * <ol>
 *   <li>{@code a_submit}: {@code executor.submit(Callable)}, one {@code FutureTask} per task; the
 *       baseline.</li>
 *   <li>{@code b_completableFuture}: {@code execute(Runnable)} completing a
 *       {@link CompletableFuture}: the least a pool that returns {@code CompletableFuture}s can
 *       do.</li>
 *   <li>{@code c_registry}: step b plus a {@code ConcurrentHashMap<Long, ...>} of live tasks,
 *       put at submission and removed at completion, as {@code DispatchPool.live}.</li>
 *   <li>{@code d_mirror}: a replica of the path before core's commit "One object per task"
 *       (5288a67): a {@link MirrorJob} with the state machine and volatile fields of the
 *       {@code PoolJob} of that time, a separate future subclass holding it, the
 *       {@code Long}-keyed registry, a capturing {@code Runnable} per dispatch that marks the
 *       thread as the pool's in a {@code ThreadLocal} and looks up the worker's name, and the
 *       listener checks. Its allocation matched {@code DispatchBenchmark.threadsSpindle} and
 *       {@code forkJoinSpindle} of that time to the byte; that is the replica's
 *       calibration.</li>
 *   <li>{@code e_lean*}: the path this experiment proposed, which that commit adopted: one
 *       object per task ({@link LeanJob}, the future and the job and the {@code Runnable} at
 *       once), stores that the following CAS publishes instead of volatile ones, the worker's
 *       name looked up only when someone listens, no per-task {@code ThreadLocal} (a pool can
 *       recognise its workers by their thread factory), and the registry as
 *       {@code e_leanRegistry} (the same {@code Long}-keyed map), {@code e_leanKeySet} (a
 *       concurrent set of the jobs themselves, hashed by id: no boxing),
 *       {@code e_leanLazyRegistry} (an intrusive stack that only the submitter touches, swept
 *       lazily in place; see {@link LazyRegistry}), {@code e_leanDetachingRegistry} (the same
 *       idea as core first implemented it, see {@link DetachingRegistry}), or
 *       {@code e_leanNoRegistry} (none, the bound of what any registry can cost).</li>
 * </ol>
 * The executor is {@code direct} (each task runs in the submitting thread, in {@code execute}:
 * the bookkeeping's own CPU cost, free of scheduling noise and of cache traffic between cores),
 * {@code threads} (as {@code Pool.threads(2)}), {@code forkJoin} (as
 * {@code Pool.forkJoin(2)}), {@code virtual} ({@code newVirtualThreadPerTaskExecutor()}, unnamed
 * threads) or {@code virtualNamed} (a thread-per-task executor whose factory numbers its virtual
 * threads, as {@code Pool.virtualThreads()} does): {@code a_submit} on the last two is the price
 * of naming every virtual thread.
 * Scores are microseconds per batch of {@code tasks} tasks, as in {@link DispatchBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DispatchAnatomyBenchmark {

    /** Which JDK executor the steps run on, configured as Spindle's backend configures it. */
    @Param({"direct", "threads", "forkJoin", "virtual", "virtualNamed"})
    public String executor;

    @Param("1000")
    public int tasks;

    @Param("50")
    public int tokens;

    /** The replica of {@code ExecutorBackend.OWNER}: which pool the current worker belongs to. */
    private static final ThreadLocal<DispatchAnatomyBenchmark> OWNER = new ThreadLocal<>();

    private ExecutorService pool;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Object> live = new ConcurrentHashMap<>();
    private final Set<LeanJob> liveJobs = ConcurrentHashMap.newKeySet();
    private final LazyRegistry lazy = new LazyRegistry();
    private final DetachingRegistry detaching = new DetachingRegistry();
    private final Listening listening = new Listening();
    private Future<?>[] futures;

    @Setup(Level.Trial)
    public void setUp() {
        pool = switch (executor) {
            case "direct" -> new CallerRuns();
            case "threads" -> new ThreadPoolExecutor(DispatchBenchmark.WORKERS, DispatchBenchmark.WORKERS,
                    0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>());
            case "forkJoin" -> new ForkJoinPool(DispatchBenchmark.WORKERS);
            case "virtual" -> Executors.newVirtualThreadPerTaskExecutor();
            case "virtualNamed" -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bench-virtual-", 0).factory());
            default -> throw new IllegalArgumentException(
                    "executor must be direct, threads, forkJoin, virtual or virtualNamed, was " + executor);
        };
        futures = new Future<?>[tasks];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        int lazyLive = lazy.unfinished();
        int detachingLive = detaching.unfinished();
        if (!live.isEmpty() || !liveJobs.isEmpty() || lazyLive != 0 || detachingLive != 0) {
            throw new IllegalStateException("registry not empty after the trial: "
                    + live.size() + ", " + liveJobs.size() + ", " + lazyLive + ", " + detachingLive);
        }
    }

    @Benchmark
    public long a_submit() throws InterruptedException, ExecutionException {
        int t = tokens;
        for (int i = 0; i < tasks; i++) {
            int input = i;
            futures[i] = pool.submit(() -> DispatchBenchmark.work(input, t));
        }
        return awaitAll();
    }

    @Benchmark
    public long b_completableFuture() throws InterruptedException, ExecutionException {
        int t = tokens;
        for (int i = 0; i < tasks; i++) {
            int input = i;
            Callable<Long> task = () -> DispatchBenchmark.work(input, t);
            CompletableFuture<Long> future = new CompletableFuture<>();
            pool.execute(() -> {
                try {
                    future.complete(task.call());
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
            futures[i] = future;
        }
        return awaitAll();
    }

    @Benchmark
    public long c_registry() throws InterruptedException, ExecutionException {
        int t = tokens;
        for (int i = 0; i < tasks; i++) {
            int input = i;
            Callable<Long> task = () -> DispatchBenchmark.work(input, t);
            CompletableFuture<Long> future = new CompletableFuture<>();
            long id = ids.getAndIncrement();
            live.put(id, future);
            pool.execute(() -> {
                try {
                    future.complete(task.call());
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
                live.remove(id);
            });
            futures[i] = future;
        }
        return awaitAll();
    }

    @Benchmark
    public long d_mirror() throws InterruptedException, ExecutionException {
        int t = tokens;
        for (int i = 0; i < tasks; i++) {
            int input = i;
            Callable<Long> task = () -> DispatchBenchmark.work(input, t);
            if (listening.closed) {
                throw new IllegalStateException("closed");
            }
            MirrorJob job = new MirrorJob(this, ids.getAndIncrement(), task);
            live.put(job.id, job);
            if (listening.active()) {
                listening.emit();
            }
            pool.execute(() -> {
                OWNER.set(this);
                job.runHere(Thread.currentThread().getName());
            });
            futures[i] = job.future;
        }
        return awaitAll();
    }

    @Benchmark
    public long e_leanRegistry() throws InterruptedException, ExecutionException {
        return lean(Registry.LONG_KEYS);
    }

    @Benchmark
    public long e_leanKeySet() throws InterruptedException, ExecutionException {
        return lean(Registry.KEY_SET);
    }

    @Benchmark
    public long e_leanLazyRegistry() throws InterruptedException, ExecutionException {
        return lean(Registry.LAZY);
    }

    @Benchmark
    public long e_leanDetachingRegistry() throws InterruptedException, ExecutionException {
        return lean(Registry.DETACHING);
    }

    @Benchmark
    public long e_leanNoRegistry() throws InterruptedException, ExecutionException {
        return lean(Registry.NONE);
    }

    private long lean(Registry registry) throws InterruptedException, ExecutionException {
        int t = tokens;
        for (int i = 0; i < tasks; i++) {
            int input = i;
            Callable<Long> task = () -> DispatchBenchmark.work(input, t);
            if (listening.closed) {
                throw new IllegalStateException("closed");
            }
            LeanJob job = new LeanJob(this, registry, ids.getAndIncrement(), task);
            switch (registry) {
                case LONG_KEYS -> live.put(job.id, job);
                case KEY_SET -> liveJobs.add(job);
                case LAZY -> lazy.add(job);
                case DETACHING -> detaching.push(job);
                case NONE -> { }
            }
            if (listening.active()) {
                listening.emit();
            }
            pool.execute(job);
            futures[i] = job;
        }
        return awaitAll();
    }

    private long awaitAll() throws InterruptedException, ExecutionException {
        long sum = 0;
        for (int i = 0; i < tasks; i++) {
            sum += (Long) futures[i].get();
        }
        return sum;
    }

    /** An executor that runs each task at once in the caller: single-threaded costs only. */
    static final class CallerRuns extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            if (shutdown) {
                throw new RejectedExecutionException("shut down");
            }
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }

    /** The listener array of {@code Listeners} and the closed flag of {@code DispatchPool}: no one listens. */
    static final class Listening {
        volatile Object[] listeners = {};
        volatile boolean closed;

        boolean active() {
            return listeners.length > 0;
        }

        void emit() {
            throw new AssertionError("no one listens");
        }
    }

    enum Registry { LONG_KEYS, KEY_SET, LAZY, DETACHING, NONE }

    /**
     * A replica of core's {@code JobRegistry} as of its first version: the same intrusive stack,
     * but its sweep detaches the whole stack and pushes the unfinished jobs back one CAS at a time
     * (writing {@code next} and {@code depth} into each, while workers may be running them), and
     * a sweep starts when a push finds the stack {@code sweepAt} deep (at least 1,024, else twice
     * the survivors of the last sweep). For comparing with {@link LazyRegistry}, which unlinks
     * finished jobs in place.
     */
    static final class DetachingRegistry {
        private static final int MIN_SWEEP = 1024;

        private final AtomicReference<LeanJob> head = new AtomicReference<>();
        private final ReentrantLock sweeping = new ReentrantLock();
        private volatile int sweepAt = MIN_SWEEP;

        void push(LeanJob job) {
            LeanJob top;
            do {
                top = head.get();
                job.next = top;
                job.depth = top == null ? 0 : top.depth + 1;
            } while (!head.compareAndSet(top, job));
            if (job.depth >= sweepAt && sweeping.tryLock()) {
                try {
                    sweep();
                } finally {
                    sweeping.unlock();
                }
            }
        }

        private void sweep() {
            List<LeanJob> survivors = new ArrayList<>();
            for (LeanJob job = head.getAndSet(null); job != null; job = job.next) {
                if (!job.isDone()) {
                    survivors.add(job);
                }
            }
            for (int i = survivors.size() - 1; i >= 0; i--) {
                LeanJob survivor = survivors.get(i);
                LeanJob top;
                do {
                    top = head.get();
                    survivor.next = top;
                    survivor.depth = top == null ? 0 : top.depth + 1;
                } while (!head.compareAndSet(top, survivor));
            }
            sweepAt = Math.max(MIN_SWEEP, 2 * survivors.size());
        }

        /** Counts the jobs not yet finished, under the sweep lock as core's does. */
        int unfinished() {
            sweeping.lock();
            try {
                int n = 0;
                for (LeanJob job = head.get(); job != null; job = job.next) {
                    if (!job.isDone()) {
                        n++;
                    }
                }
                return n;
            } finally {
                sweeping.unlock();
            }
        }
    }

    /**
     * The proposed registry of live jobs: an intrusive stack (a {@code next} field in each job),
     * pushed by the submitter with one CAS on its head and never touched by workers. Finished
     * jobs are unlinked lazily: every so many pushes, one submitter at a time sweeps the stack
     * behind the head and unlinks the jobs whose future is done. The threshold follows twice the
     * live count, so the sweep is amortised O(1) per task and the stack holds at most about
     * twice the live jobs.
     *
     * <p>Why concurrent pushes and a sweep do not conflict: a push writes only its own job's
     * {@code next} and the head; the sweeper writes only {@code next} of jobs behind the head it
     * read. An unlinked job keeps its {@code next}, so a walker standing on it (closing the
     * pool) still reaches every job after it: no live job is ever skipped.
     */
    static final class LazyRegistry {
        private static final int MIN_SWEEP_INTERVAL = 64;
        private static final VarHandle HEAD;
        private static final VarHandle SWEEPING;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                HEAD = lookup.findVarHandle(LazyRegistry.class, "head", LeanJob.class);
                SWEEPING = lookup.findVarHandle(LazyRegistry.class, "sweeping", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // through HEAD
        private volatile LeanJob head;
        @SuppressWarnings("unused") // through SWEEPING
        private volatile boolean sweeping;
        private int pushesSinceSweep; // a heuristic: racy updates only shift the next sweep
        private int sweepInterval = MIN_SWEEP_INTERVAL;

        void add(LeanJob job) {
            LeanJob h;
            do {
                h = (LeanJob) HEAD.getAcquire(this);
                job.next = h;
            } while (!HEAD.compareAndSet(this, h, job));
            if (++pushesSinceSweep >= sweepInterval) {
                sweep();
            }
        }

        private void sweep() {
            if (!SWEEPING.compareAndSet(this, false, true)) {
                return;
            }
            try {
                pushesSinceSweep = 0;
                LeanJob prev = (LeanJob) HEAD.getAcquire(this);
                int live = 1;
                for (LeanJob j = prev.next; j != null; j = j.next) {
                    if (j.isDone()) {
                        prev.next = j.next;
                    } else {
                        prev = j;
                        live++;
                    }
                }
                sweepInterval = Math.max(MIN_SWEEP_INTERVAL, 2 * live);
            } finally {
                SWEEPING.setRelease(this, false);
            }
        }

        /** Walks the stack as closing the pool would, and counts the jobs not yet finished. */
        int unfinished() {
            int n = 0;
            for (LeanJob j = (LeanJob) HEAD.getAcquire(this); j != null; j = j.next) {
                if (!j.isDone()) {
                    n++;
                }
            }
            return n;
        }
    }

    /** A replica of today's {@code PoolJob}: the same fields, stores and CASes on the same path. */
    static final class MirrorJob {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int INTERRUPTING = 2;
        private static final int DONE = 4;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(MirrorJob.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final DispatchAnatomyBenchmark pool;
        final long id;
        private final Callable<?> task;
        final MirrorFuture<Object> future;
        private volatile int state;
        private volatile Thread runner;
        @SuppressWarnings("unused")
        private volatile Runnable canceller;
        private volatile String worker;

        MirrorJob(DispatchAnatomyBenchmark pool, long id, Callable<?> task) {
            this.pool = pool;
            this.id = id;
            this.task = task;
            this.future = new MirrorFuture<>(this);
        }

        void runHere(String worker) {
            runner = Thread.currentThread();
            if (!STATE.compareAndSet(this, QUEUED, RUNNING)) {
                runner = null;
                return;
            }
            this.worker = worker;
            if (pool.listening.active()) {
                pool.listening.emit();
            }
            Object result = null;
            Throwable failure = null;
            try {
                result = task.call();
            } catch (Throwable t) {
                failure = t;
            }
            runner = null;
            if (!STATE.compareAndSet(this, RUNNING, DONE)) {
                while (state == INTERRUPTING) {
                    Thread.onSpinWait();
                }
                Thread.interrupted();
                pool.live.remove(id);
                return;
            }
            if (failure == null) {
                if (future.complete(result) && pool.listening.active()) {
                    pool.listening.emit();
                }
            } else if (future.completeExceptionally(failure) && pool.listening.active()) {
                pool.listening.emit();
            }
            pool.live.remove(id);
        }

        String worker() {
            return worker;
        }
    }

    /** A replica of today's {@code TaskFuture}: a future that holds its job. */
    static final class MirrorFuture<T> extends CompletableFuture<T> {
        final MirrorJob job;

        MirrorFuture(MirrorJob job) {
            this.job = job;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }
    }

    /**
     * The proposed job: the future itself, and the {@code Runnable} the executor runs. The runner
     * is written plainly before the CAS to RUNNING, which publishes it to any canceller that sees
     * RUNNING; the worker's name is looked up only when a listener needs it.
     */
    static final class LeanJob extends CompletableFuture<Object> implements Runnable {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int INTERRUPTING = 2;
        private static final int DONE = 4;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(LeanJob.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final DispatchAnatomyBenchmark pool;
        private final Registry registry;
        final long id;
        private final Callable<?> task;
        private volatile int state;
        private Thread runner; // published by the CAS to RUNNING
        LeanJob next; // the lazy or detaching registry's link
        int depth; // the detaching registry's depth of this job when pushed

        LeanJob(DispatchAnatomyBenchmark pool, Registry registry, long id, Callable<?> task) {
            this.pool = pool;
            this.registry = registry;
            this.id = id;
            this.task = task;
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            if (!STATE.compareAndSet(this, QUEUED, RUNNING)) {
                runner = null;
                return;
            }
            if (pool.listening.active()) {
                pool.listening.emit();
            }
            Object result = null;
            Throwable failure = null;
            try {
                result = task.call();
            } catch (Throwable t) {
                failure = t;
            }
            runner = null;
            if (!STATE.compareAndSet(this, RUNNING, DONE)) {
                while (state == INTERRUPTING) {
                    Thread.onSpinWait();
                }
                Thread.interrupted();
                left();
                return;
            }
            if (failure == null) {
                if (complete(result) && pool.listening.active()) {
                    pool.listening.emit();
                }
            } else if (completeExceptionally(failure) && pool.listening.active()) {
                pool.listening.emit();
            }
            left();
        }

        private void left() {
            switch (registry) {
                case LONG_KEYS -> pool.live.remove(id);
                case KEY_SET -> pool.liveJobs.remove(this);
                case LAZY, DETACHING, NONE -> { } // swept out at submission
            }
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id * 0x9E3779B97F4A7C15L);
        }
    }
}
