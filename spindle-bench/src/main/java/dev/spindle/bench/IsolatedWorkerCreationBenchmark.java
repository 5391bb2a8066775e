package dev.spindle.bench;

import dev.spindle.Pool;
import dev.spindle.isolate.IsolatedPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What creating an isolated worker costs. One operation: a pool of one isolated worker opened, one
 * tiny task run in it (so its new loader loads the task's classes), the pool closed.
 * {@code createThreadWorker} is the same on {@code threads(1)}, for scale; a worker JVM's creation
 * is measured by {@code ProcessPoolStartup}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IsolatedWorkerCreationBenchmark {

    @Benchmark
    public int createIsolatedWorker() throws ExecutionException, InterruptedException {
        try (Pool one = IsolatedPool.create(1)) {
            return one.submit(() -> 42).get();
        }
    }

    @Benchmark
    public int createThreadWorker() throws ExecutionException, InterruptedException {
        try (Pool one = Pool.threads(1)) {
            return one.submit(() -> 42).get();
        }
    }
}
