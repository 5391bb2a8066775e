package dev.spindle.bench;

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

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What an isolated worker costs per task, beside threads and worker JVMs (its creation:
 * {@link IsolatedWorkerCreationBenchmark}).
 *
 * <h2>What one operation is</h2>
 * <ul>
 *   <li>{@code roundTrip}: one tiny task submitted to an open pool of two and awaited, on the
 *       {@link #pool} named: isolated workers serialise the task and its result both ways, threads
 *       hand over the object, worker JVMs add a socket and another process.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IsolatedPoolBenchmark {

    /** The backend of {@code roundTrip}. */
    @Param({"threads", "isolated", "processes"})
    public String pool;

    private Pool open;

    @Setup(Level.Trial)
    public void open() throws Exception {
        open = switch (pool) {
            case "threads" -> Pool.threads(2);
            case "isolated" -> Pool.isolated(2);
            case "processes" -> Pool.processes(2);
            default -> throw new IllegalArgumentException("unknown pool " + pool);
        };
        open.submit(() -> 1).get(); // workers started, classes loaded
    }

    @TearDown(Level.Trial)
    public void close() {
        open.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int roundTrip() throws ExecutionException, InterruptedException {
        return open.submit(() -> 42).get();
    }
}
