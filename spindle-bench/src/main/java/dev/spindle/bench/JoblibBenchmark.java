package dev.spindle.bench;

import dev.spindle.Parallel;
import dev.spindle.Pool;
import dev.spindle.cache.CachedFunction;
import dev.spindle.cache.DiskCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The two costs a joblib user weighs, in one run:
 * <ul>
 *   <li><b>a cache hit against computing</b>: {@code cacheHit} reads one result back from a
 *       {@link DiskCache} (the argument serialised and hashed, the entry read, checked and
 *       deserialised); {@code computeCheap} and {@code computeDear} compute a function of about 1 µs
 *       and of about 1 ms. A hit pays when the function costs more than a hit.</li>
 *   <li><b>the one-liner against the pool</b>: {@code parallelMap} is {@code Parallel.jobs(2).map}
 *       over {@value #INPUTS} inputs (it opens and closes a pool of two threads each time);
 *       {@code poolMap} the same map on a pool opened and closed by hand; {@code poolMapOpen} the
 *       map alone, on a pool kept open across operations.</li>
 * </ul>
 * Scores are microseconds per operation; lower is better.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JoblibBenchmark {

    static final int INPUTS = 1_000;

    private Path dir;
    private CachedFunction<Integer, Long> cached;
    private Pool open;
    private final List<Integer> inputs = IntStream.range(0, INPUTS).boxed().toList();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("spindle-bench-cache-");
        cached = DiskCache.at(dir).cache(JoblibBenchmark::cheap);
        cached.apply(42); // stored: every cacheHit below reads it back
        open = Pool.threads(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        open.close();
        DiskCache.at(dir).clear();
        Files.deleteIfExists(dir);
    }

    /** About a microsecond of arithmetic. */
    static long cheap(int x) {
        long h = x;
        for (int i = 0; i < 300; i++) {
            h = h * 0x9E37_79B9_7F4A_7C15L + i;
        }
        return h;
    }

    /** About a millisecond. */
    static long dear(int x) {
        long h = x;
        for (int i = 0; i < 300_000; i++) {
            h = h * 0x9E37_79B9_7F4A_7C15L + i;
        }
        return h;
    }

    @Benchmark
    public long cacheHit() throws Exception {
        return cached.apply(42);
    }

    @Benchmark
    public long computeCheap() {
        return cheap(42);
    }

    @Benchmark
    public long computeDear() {
        return dear(42);
    }

    @Benchmark
    public int parallelMap() {
        return Parallel.jobs(2).map(JoblibBenchmark::cheap, inputs).size();
    }

    @Benchmark
    public int poolMap() {
        try (Pool pool = Pool.threads(2)) {
            return (int) pool.map(JoblibBenchmark::cheap, inputs).count();
        }
    }

    @Benchmark
    public int poolMapOpen() {
        return (int) open.map(JoblibBenchmark::cheap, inputs).count();
    }
}
