package dev.spindle.bench;

import dev.spindle.testkit.concurrently.Concurrently;
import dev.spindle.testkit.concurrently.Perturbation;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * What the testkit's {@code @Concurrently} costs per repetition, against the same work written by
 * hand, and what a perturbation point costs outside a perturbed run.
 *
 * <h2>What one operation is</h2>
 * <ul>
 *   <li>{@code extension}: one launch of a test class through JUnit's engine whose one test runs
 *       an empty body on {@value #THREADS} threads, {@value #REPEATS} times; divide by
 *       {@value #REPEATS} for the cost of a repetition (the launch itself, discovery included, is
 *       spread over them).</li>
 *   <li>{@code handWritten}: the same {@value #REPEATS} repetitions without JUnit: start
 *       {@value #THREADS} platform threads, release them at a barrier, join them.</li>
 *   <li>{@code pointOutsideARun} / {@code noPoint}: one call to {@link Perturbation#point()}
 *       when no perturbed run is under way, against nothing: what an instrumented class pays for
 *       the rest of the JVM's life.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConcurrentlyBenchmark {

    static final int THREADS = 4;
    static final int REPEATS = 100;

    /** The test class that {@code extension} launches. */
    public static class Fixture {
        @Test
        @Concurrently(threads = THREADS, repeats = REPEATS)
        void emptyBody() {}
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long extension() {
        long succeeded = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Fixture.class)).execute()
                .testEvents().succeeded().count();
        if (succeeded != 1) {
            throw new IllegalStateException("the fixture did not pass");
        }
        return succeeded;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int handWritten() throws InterruptedException {
        int ran = 0;
        for (int r = 0; r < REPEATS; r++) {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>(THREADS);
            for (int i = 0; i < THREADS; i++) {
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
                ran++;
            }
        }
        return ran;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void pointOutsideARun() {
        Perturbation.point();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void noPoint() {
        // the baseline: JMH's own cost of calling a benchmark method
    }
}
