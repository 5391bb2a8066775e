package dev.spindle.bench;

import dev.spindle.Pool;
import dev.spindle.process.ProcessPool;
import dev.spindle.process.shm.SharedAtomicLong;
import dev.spindle.process.shm.SharedLongArray;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * What the worker-JVM pool and shared memory cost, measured against what the issue asks of them.
 *
 * <ul>
 *   <li>{@code tinyTasksBatched}: {@value #TINY} tiny inputs ({@code i -> i + 1}) through
 *       {@code map} on a pool of 2 worker JVMs, with the automatic chunk size; the score is
 *       tasks (inputs) per second. Target: at least 100,000.</li>
 *   <li>{@code tinyTaskRoundTrip}: one tiny task submitted and awaited: the latency of one
 *       round trip to a worker, unbatched (microseconds).</li>
 *   <li>{@code handKilobyteArray}, {@code handGigabyteArray}: a task that captures a shared
 *       {@code long} array of 1 KiB or 1 GiB and reads one element: the same cost if the array
 *       travels as its name (microseconds).</li>
 *   <li>{@code sharedCompareAndSet}, {@code sharedIncrement}: one thread's
 *       {@link SharedAtomicLong} operations, uncontended (operations per second). Target: at least
 *       10 million compare-and-sets per second.</li>
 * </ul>
 *
 * <pre>
 * java -jar spindle-bench/target/benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 2s ProcessPoolBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ProcessPoolBenchmark {

    static final int TINY = 100_000;

    private Pool pool;
    private List<Integer> inputs;
    private SharedLongArray kilobyte;
    private SharedLongArray gigabyte;
    private SharedAtomicLong counter;

    @Setup(Level.Trial)
    public void setUp() {
        pool = ProcessPool.builder().workers(2).startAll().build();
        inputs = IntStream.range(0, TINY).boxed().toList();
        String run = ProcessHandle.current().pid() + "-" + System.nanoTime();
        kilobyte = SharedLongArray.create("bench-kib-" + run, 128);
        gigabyte = SharedLongArray.create("bench-gib-" + run, 1L << 27);
        counter = SharedAtomicLong.create("bench-counter-" + run, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        for (AutoCloseable each : List.<AutoCloseable>of(kilobyte, gigabyte, counter)) {
            try {
                each.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        kilobyte.unlink();
        gigabyte.unlink();
        counter.unlink();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(TINY)
    public long tinyTasksBatched() {
        return pool.map(i -> i + 1, inputs).mapToLong(Integer::longValue).sum();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int tinyTaskRoundTrip() {
        return pool.submit(() -> 1).join();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long handKilobyteArray() {
        SharedLongArray array = kilobyte;
        return pool.submit(() -> array.get(array.length() - 1)).join();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long handGigabyteArray() {
        SharedLongArray array = gigabyte;
        return pool.submit(() -> array.get(array.length() - 1)).join();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean sharedCompareAndSet() {
        long seen = counter.get();
        return counter.compareAndSet(seen, seen + 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long sharedIncrement() {
        return counter.incrementAndGet();
    }
}
