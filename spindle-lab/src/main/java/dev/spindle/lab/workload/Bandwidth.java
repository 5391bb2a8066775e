package dev.spindle.lab.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine's memory bandwidth, measured once per JVM the first time a memory-bound workload
 * asks: STREAM's triad ({@code a[i] = b[i] + q·c[i]}, 24 bytes an element) and a sum ({@code Σ a[i]},
 * 8 bytes an element), over arrays of {@value #ELEMENTS} doubles (128 MiB each, far beyond any
 * cache), on one thread and on one thread per core, the best of {@value #ROUNDS} rounds, as
 * STREAM reports. Bytes are counted as STREAM counts them (no write-allocate traffic).
 *
 * @param triadOne  GB/s of the triad on one thread
 * @param triadAll  GB/s of the triad on one thread per core
 * @param sumOne    GB/s of the sum on one thread
 * @param sumAll    GB/s of the sum on one thread per core
 * @param threads   the threads of the "all" figures
 */
public record Bandwidth(double triadOne, double triadAll, double sumOne, double sumAll, int threads) {

    static final int ELEMENTS = 16 * 1024 * 1024;
    private static final int ROUNDS = 6;

    private static final class Measured {
        static final Bandwidth VALUE = measure(Runtime.getRuntime().availableProcessors());
    }

    /** This machine's bandwidth, measured on first use (about two seconds). */
    public static Bandwidth ofThisMachine() {
        return Measured.VALUE;
    }

    /** {@code sum 9.1 GB/s (1 thread) / 10.2 GB/s (2), triad ...}: one line for the notes. */
    public String describe() {
        return String.format(Locale.ROOT, "STREAM sum %.1f GB/s on 1 thread, %.1f on %d; triad %.1f, %.1f",
                sumOne, sumAll, threads, triadOne, triadAll);
    }

    static Bandwidth measure(int threads) {
        double[] a = new double[ELEMENTS];
        double[] b = new double[ELEMENTS];
        double[] c = new double[ELEMENTS];
        java.util.Arrays.fill(b, 1.0);
        java.util.Arrays.fill(c, 2.0);
        double triadOne = best(1, (lo, hi) -> triad(a, b, c, lo, hi), 24);
        double triadAll = best(threads, (lo, hi) -> triad(a, b, c, lo, hi), 24);
        double sumOne = best(1, (lo, hi) -> sum(a, lo, hi), 8);
        double sumAll = best(threads, (lo, hi) -> sum(a, lo, hi), 8);
        return new Bandwidth(triadOne, triadAll, sumOne, sumAll, threads);
    }

    private interface Kernel {
        void run(int lo, int hi);
    }

    private static volatile double sink;

    private static void triad(double[] a, double[] b, double[] c, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            a[i] = b[i] + 3.0 * c[i];
        }
    }

    /** Four partial sums, so that the loop waits for memory, not for the previous addition. */
    private static void sum(double[] a, int lo, int hi) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = lo;
        for (; i + 3 < hi; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < hi; i++) {
            s0 += a[i];
        }
        sink = s0 + s1 + s2 + s3;
    }

    /** The best GB/s of the kernel over the whole arrays, split among {@code threads} platform threads. */
    private static double best(int threads, Kernel kernel, int bytesPerElement) {
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Thread> started = new ArrayList<>(threads);
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int lo = (int) ((long) ELEMENTS * t / threads);
                int hi = (int) ((long) ELEMENTS * (t + 1) / threads);
                started.add(Thread.ofPlatform().name("stream-" + t).start(() -> kernel.run(lo, hi)));
            }
            try {
                for (Thread thread : started) {
                    thread.join(); // ends on its own: a bounded loop over an array
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
            long nanos = System.nanoTime() - t0;
            best = Math.max(best, (double) ELEMENTS * bytesPerElement / nanos);
        }
        return best;
    }
}
