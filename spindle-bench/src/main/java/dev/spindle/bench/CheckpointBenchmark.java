package dev.spindle.bench;

import dev.spindle.lab.gil.Gil;

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
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the lab's GIL checkpoint costs the workloads of every other strategy, where no GIL is
 * installed and {@link Gil#checkpoint()} should come down to a null check of a static field.
 *
 * <h2>What one operation is</h2>
 * One hot loop of {@link #iterations} iterations, in two shapes that stand for the lab's
 * workloads:
 * <ul>
 *   <li>{@code lcg*}: a linear congruential generator, each step depending on the one before (a
 *       latency-bound scalar loop, like the Fibonacci, π and primes workloads; about four cycles
 *       an iteration);</li>
 *   <li>{@code scale*}: {@code y[i] = 3 * x[i] + 1} over {@code int[]}s, element-wise like the
 *       {@code sin²+cos²} workload: a loop the JIT unrolls and vectorises, the case where
 *       anything left in the loop body could cost the most (a reduction such as a plain sum is
 *       not vectorised by C2 here, so it would show less).</li>
 * </ul>
 * Each shape runs
 * <ul>
 *   <li>{@code *Plain}: without a checkpoint;</li>
 *   <li>{@code *EveryIteration}: with one every iteration;</li>
 *   <li>{@code *EveryK}: with one every {@link Stride#every} iterations, as most workloads do:
 *       {@code if ((i & mask) == 0) Gil.checkpoint();} inside the loop;</li>
 *   <li>{@code *Blocked}: with one after each block of {@link Stride#every} iterations, outside
 *       an inner loop that is left free of calls (as the squares workload does).</li>
 * </ul>
 * Scores are nanoseconds per loop; lower is better, and the difference from {@code *Plain},
 * divided by the number of checkpoints, is the cost of one.
 *
 * <p>The JIT decides the shape of these loops once per fork, from an early profile, and does not
 * always decide the same way: run the {@code *EveryK} benchmarks in several forks ({@code -f 6})
 * before trusting one figure.
 *
 * <h2>Controls</h2>
 * <ul>
 *   <li>{@code *VolatileCheck} replaces the checkpoint by a null check of a {@code volatile}
 *       static field of this class that is always {@code null}: what the checkpoint would cost
 *       had {@code Gil}'s field been volatile. {@code Gil} keeps it plain on purpose (see its
 *       class comment); the control shows what that choice buys.</li>
 *   <li>{@code scaleEveryKInlineCheck} is {@code scaleEveryK} with the checkpoint replaced by
 *       the same test written in place, with no call behind it: it tells what in
 *       {@code scaleEveryK} comes from the checkpoint and what from the loop's shape.</li>
 *   <li>{@code scaleBlockedNoCheckpoint} is {@code scaleBlocked} without the checkpoint: what
 *       cutting a vectorised loop into short blocks costs by itself.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CheckpointBenchmark {

    /** Never set: the controls' stand-ins for the "active GIL" field, volatile and plain. */
    private static volatile Object activeVolatile;
    private static Object activePlain;

    @Param("1000")
    public int iterations;

    // Fields, not constants: with constants the JIT folds unrolled steps x * a + c into one
    // x * a^n + k and the chain is no longer one multiply-add per iteration.
    private long multiplier = 6364136223846793005L;
    private long increment = 1442695040888963407L;
    private long seed;
    private int[] values;
    private int[] scaled;

    @Setup(Level.Trial)
    public void setUp() {
        if (Gil.installed()) {
            throw new IllegalStateException("a GIL is installed; this benchmark measures the checkpoint without one");
        }
        SplittableRandom random = new SplittableRandom(42);
        seed = random.nextLong();
        values = random.ints(iterations).toArray();
        scaled = new int[iterations];
    }

    /** How often the {@code *EveryK} loops call the checkpoint. */
    @State(Scope.Thread)
    public static class Stride {
        @Param({"64", "1024"})
        public int every;

        int mask;

        @Setup(Level.Trial)
        public void setUp() {
            if (Integer.bitCount(every) != 1) {
                throw new IllegalArgumentException("every must be a power of two, was " + every);
            }
            mask = every - 1;
        }
    }

    // ---- a dependent scalar chain ----

    @Benchmark
    public long lcgPlain() {
        long x = seed;
        long a = multiplier;
        long c = increment;
        for (int i = 0; i < iterations; i++) {
            x = x * a + c;
        }
        return x;
    }

    @Benchmark
    public long lcgEveryIteration() {
        long x = seed;
        long a = multiplier;
        long c = increment;
        for (int i = 0; i < iterations; i++) {
            x = x * a + c;
            Gil.checkpoint();
        }
        return x;
    }

    @Benchmark
    public long lcgEveryK(Stride stride) {
        long x = seed;
        long a = multiplier;
        long c = increment;
        int mask = stride.mask;
        for (int i = 0; i < iterations; i++) {
            x = x * a + c;
            if ((i & mask) == 0) {
                Gil.checkpoint();
            }
        }
        return x;
    }

    @Benchmark
    public long lcgBlocked(Stride stride) {
        long x = seed;
        long a = multiplier;
        long c = increment;
        int n = iterations;
        for (int block = 0; block < n; block += stride.every) {
            int end = Math.min(n, block + stride.every);
            for (int i = block; i < end; i++) {
                x = x * a + c;
            }
            Gil.checkpoint();
        }
        return x;
    }

    @Benchmark
    public long lcgVolatileCheck() {
        long x = seed;
        long a = multiplier;
        long c = increment;
        for (int i = 0; i < iterations; i++) {
            x = x * a + c;
            if (activeVolatile != null) {
                throw new AssertionError("the control's field is never set");
            }
        }
        return x;
    }

    // ---- a loop the JIT vectorises ----

    @Benchmark
    public int scalePlain() {
        int[] x = values;
        int[] y = scaled;
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 * x[i] + 1;
        }
        return y[x.length - 1];
    }

    @Benchmark
    public int scaleEveryIteration() {
        int[] x = values;
        int[] y = scaled;
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 * x[i] + 1;
            Gil.checkpoint();
        }
        return y[x.length - 1];
    }

    @Benchmark
    public int scaleEveryK(Stride stride) {
        int[] x = values;
        int[] y = scaled;
        int mask = stride.mask;
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 * x[i] + 1;
            if ((i & mask) == 0) {
                Gil.checkpoint();
            }
        }
        return y[x.length - 1];
    }

    @Benchmark
    public int scaleBlocked(Stride stride) {
        int[] x = values;
        int[] y = scaled;
        int n = x.length;
        for (int block = 0; block < n; block += stride.every) {
            int end = Math.min(n, block + stride.every);
            for (int i = block; i < end; i++) {
                y[i] = 3 * x[i] + 1;
            }
            Gil.checkpoint();
        }
        return y[n - 1];
    }

    @Benchmark
    public int scaleBlockedNoCheckpoint(Stride stride) {
        int[] x = values;
        int[] y = scaled;
        int n = x.length;
        for (int block = 0; block < n; block += stride.every) {
            int end = Math.min(n, block + stride.every);
            for (int i = block; i < end; i++) {
                y[i] = 3 * x[i] + 1;
            }
        }
        return y[n - 1];
    }

    @Benchmark
    public int scaleEveryKInlineCheck(Stride stride) {
        int[] x = values;
        int[] y = scaled;
        int mask = stride.mask;
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 * x[i] + 1;
            if ((i & mask) == 0 && activePlain != null) {
                throw new AssertionError("the control's field is never set");
            }
        }
        return y[x.length - 1];
    }

    @Benchmark
    public int scaleVolatileCheck() {
        int[] x = values;
        int[] y = scaled;
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 * x[i] + 1;
            if (activeVolatile != null) {
                throw new AssertionError("the control's field is never set");
            }
        }
        return y[x.length - 1];
    }
}
