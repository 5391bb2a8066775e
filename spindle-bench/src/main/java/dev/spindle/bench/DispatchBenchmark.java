package dev.spindle.bench;

import dev.spindle.MapOptions;
import dev.spindle.Pool;

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
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What it costs to hand a pool a tiny task: Spindle's pools against the JDK executors they are
 * built on.
 *
 * <h2>What one operation is</h2>
 * One batch: {@link #tasks} tiny tasks are submitted one after another, then every future is
 * awaited in submission order and the results are summed (the sum is returned, so nothing is
 * dead code). Each task burns {@link #tokens} tokens of {@link Blackhole#consumeCPU} (about
 * 90 ns at 50 on the reference machine: see {@code inline}) and returns a value derived from its
 * index; {@code -p tokens=0} leaves the bare dispatch cost. The work is the same on
 * both sides of every comparison, and so is the allocation the caller makes (one capturing
 * lambda per task), so the difference between a Spindle method and its raw counterpart is the
 * pool's own dispatch path.
 *
 * <p>Scores are microseconds per batch ({@link Mode#AverageTime}); lower is better. With the
 * default 1,000 tasks a batch, microseconds per batch read directly as nanoseconds per task,
 * and {@code -prof gc}'s {@code gc.alloc.rate.norm} (bytes per batch) divided by 1,000 is bytes
 * per task.
 *
 * <h2>The pairs</h2>
 * <ul>
 *   <li>{@code inline}: the batch's work done in the benchmark thread, with no pool: the floor
 *       on one core. Two workers can at best halve it.</li>
 *   <li>{@code threadsSpindle} ({@code Pool.threads(2)}) against {@code threadsRaw}, a
 *       {@code ThreadPoolExecutor(2, 2, 0, ns, LinkedBlockingQueue)} (the executor that
 *       {@code threads(n)} wraps) with {@code submit} and {@code Future.get}.</li>
 *   <li>{@code forkJoinSpindle} ({@code Pool.forkJoin(2)}) against {@code forkJoinRaw}, a
 *       {@code ForkJoinPool(2)} with {@code submit} and {@code get}.</li>
 *   <li>{@code threadsMapDefault}: {@code Pool.threads(2).map} over the same inputs with the
 *       default options (one input per task, four tasks in flight per worker). It is bounded
 *       and so does not compare directly with the submit-everything methods: the gap shows what
 *       the bound costs on tasks this small.</li>
 *   <li>{@code threadsMapChunked} ({@code map} with {@code withChunkSize(chunk)}) against
 *       {@code threadsChunkedRaw}, the same chunks submitted by hand to the raw executor, each
 *       returning the list of its inputs' results as {@code map}'s chunks do: the remedy the
 *       seeds give for tasks too small for the pool.</li>
 *   <li>{@code virtualSpindle} ({@code Pool.virtualThreads()}) against {@code virtualRaw},
 *       {@code Executors.newVirtualThreadPerTaskExecutor()}.</li>
 * </ul>
 * Every pool is created once per trial, in its own state object so that a benchmark starts only
 * the pool it measures, and closed after the trial; its threads are warm after the warm-up.
 *
 * <p>On a two-core machine the benchmark thread and two workers share two cores, so the figures
 * include contention between the submitter and the workers. That is the real situation of a
 * caller feeding a pool, but it makes the scores sensitive to anything else running.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DispatchBenchmark {

    /** Workers in every bounded pool. */
    static final int WORKERS = 2;

    /** Tasks in one batch (one operation). */
    @Param("1000")
    public int tasks;

    /** The work in one task, in {@link Blackhole#consumeCPU} tokens. */
    @Param("50")
    public int tokens;

    /** Inputs per task in the chunked runs. */
    @Param("100")
    public int chunk;

    private List<Integer> inputs;
    private Future<?>[] rawFutures;
    private CompletableFuture<?>[] futures;

    @Setup(Level.Trial)
    public void setUp() {
        inputs = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            inputs.add(i);
        }
        rawFutures = new Future<?>[tasks];
        futures = new CompletableFuture<?>[tasks];
    }

    /** The task body: a little CPU, and a result that depends on the input. */
    static long work(int input, int tokens) {
        Blackhole.consumeCPU(tokens);
        return input * 31L + 7;
    }

    /**
     * A chunk's task body: {@link #work} over consecutive inputs, one result per input, as
     * {@code map} delivers them (so the raw chunked run allocates what the chunked map does).
     */
    static List<Long> workChunk(int from, int to, int tokens) {
        List<Long> results = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            results.add(work(i, tokens));
        }
        return results;
    }

    // ---- the pools, one state each ----

    @State(Scope.Benchmark)
    public static class RawThreads {
        ThreadPoolExecutor executor;

        @Setup(Level.Trial)
        public void setUp() {
            executor = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            executor.close();
        }
    }

    @State(Scope.Benchmark)
    public static class RawForkJoin {
        ForkJoinPool executor;

        @Setup(Level.Trial)
        public void setUp() {
            executor = new ForkJoinPool(WORKERS);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            executor.close();
        }
    }

    @State(Scope.Benchmark)
    public static class RawVirtual {
        ExecutorService executor;

        @Setup(Level.Trial)
        public void setUp() {
            executor = Executors.newVirtualThreadPerTaskExecutor();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            executor.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SpindleThreads {
        Pool pool;

        @Setup(Level.Trial)
        public void setUp() {
            pool = Pool.threads(WORKERS);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SpindleForkJoin {
        Pool pool;

        @Setup(Level.Trial)
        public void setUp() {
            pool = Pool.forkJoin(WORKERS);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SpindleVirtual {
        Pool pool;

        @Setup(Level.Trial)
        public void setUp() {
            pool = Pool.virtualThreads();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    // ---- the floor: the batch's work in the caller, no pool ----

    @Benchmark
    public long inline() {
        long sum = 0;
        for (int i = 0; i < tasks; i++) {
            sum += work(i, tokens);
        }
        return sum;
    }

    // ---- submit a batch, await it ----

    @Benchmark
    public long threadsRaw(RawThreads raw) throws InterruptedException, ExecutionException {
        return submitAndAwait(raw.executor);
    }

    @Benchmark
    public long threadsSpindle(SpindleThreads spindle) {
        return submitAndAwait(spindle.pool);
    }

    @Benchmark
    public long forkJoinRaw(RawForkJoin raw) throws InterruptedException, ExecutionException {
        return submitAndAwait(raw.executor);
    }

    @Benchmark
    public long forkJoinSpindle(SpindleForkJoin spindle) {
        return submitAndAwait(spindle.pool);
    }

    @Benchmark
    public long virtualRaw(RawVirtual raw) throws InterruptedException, ExecutionException {
        return submitAndAwait(raw.executor);
    }

    @Benchmark
    public long virtualSpindle(SpindleVirtual spindle) {
        return submitAndAwait(spindle.pool);
    }

    // ---- map, and its raw counterpart ----

    @Benchmark
    public long threadsMapDefault(SpindleThreads spindle) {
        int t = tokens;
        return spindle.pool.map((Integer i) -> work(i, t), inputs)
                .mapToLong(Long::longValue)
                .sum();
    }

    @Benchmark
    public long threadsMapChunked(SpindleThreads spindle) {
        int t = tokens;
        return spindle.pool.map((Integer i) -> work(i, t), inputs.iterator(), MapOptions.defaults().withChunkSize(chunk))
                .mapToLong(Long::longValue)
                .sum();
    }

    @Benchmark
    public long threadsChunkedRaw(RawThreads raw) throws InterruptedException, ExecutionException {
        int t = tokens;
        int n = 0;
        for (int from = 0; from < tasks; from += chunk) {
            int start = from;
            int end = Math.min(from + chunk, tasks);
            rawFutures[n++] = raw.executor.submit(() -> workChunk(start, end, t));
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            for (Object result : (List<?>) rawFutures[i].get()) {
                sum += (Long) result;
            }
        }
        return sum;
    }

    private long submitAndAwait(ExecutorService executor) throws InterruptedException, ExecutionException {
        int t = tokens;
        Future<?>[] pending = rawFutures;
        for (int i = 0; i < tasks; i++) {
            int input = i;
            pending[i] = executor.submit(() -> work(input, t));
        }
        long sum = 0;
        for (int i = 0; i < tasks; i++) {
            sum += (Long) pending[i].get();
        }
        return sum;
    }

    private long submitAndAwait(Pool pool) {
        int t = tokens;
        CompletableFuture<?>[] pending = futures;
        for (int i = 0; i < tasks; i++) {
            int input = i;
            pending[i] = pool.submit(() -> work(input, t));
        }
        long sum = 0;
        for (int i = 0; i < tasks; i++) {
            sum += (Long) pending[i].join();
        }
        return sum;
    }
}
