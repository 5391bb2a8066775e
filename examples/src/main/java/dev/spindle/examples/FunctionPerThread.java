package dev.spindle.examples;

import dev.spindle.Pool;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Teaches the simplest parallel program: run one function on several inputs, one thread each,
 * and gather the results. First with raw threads, each storing its result in a slot no other
 * thread writes, read only after {@code join()}; then with a pool, where the results come back
 * as futures and nothing needs storing.
 *
 * <p>Seed: the multithreading course's {@code count_in_range} with a worker thread per range.
 */
public final class FunctionPerThread {

    static final Example EXAMPLE = new Example("function-per-thread",
            "a function per thread, results gathered: raw threads joined, then a Pool",
            () -> run(System.out));

    private static final int WORKERS = 4;
    private static final long SPAN = 1_000;

    /** What both ways summed, and what they should have. */
    public record Totals(long byThreads, long byPool, long expected) {}

    private FunctionPerThread() {}

    /** The work: the sum of {@code [start, end)}. A pure function, so any thread can run it. */
    static long sumOfRange(long start, long end) {
        long total = 0;
        for (long x = start; x < end; x++) {
            total += x;
        }
        return total;
    }

    public static Totals run(PrintStream out) throws InterruptedException {
        out.println(WORKERS + " threads, one range of " + SPAN + " numbers each:");
        long[] results = new long[WORKERS]; // slot i is written by thread i alone: nothing shared
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            int slot = i;
            threads.add(Thread.ofPlatform().name("t" + i).start(() -> {
                results[slot] = sumOfRange(slot * SPAN, (slot + 1) * SPAN);
                out.println("  t" + slot + ": done");
            }));
        }
        for (Thread thread : threads) {
            thread.join(); // also makes the thread's write to its slot visible here
        }
        long byThreads = LongStream.of(results).sum();
        out.println("  total " + byThreads);

        long byPool;
        try (Pool pool = Pool.threads(WORKERS)) {
            List<CompletableFuture<Long>> sums = IntStream.range(0, WORKERS)
                    .mapToObj(i -> pool.submit(() -> sumOfRange(i * SPAN, (i + 1) * SPAN)))
                    .toList();
            byPool = sums.stream().mapToLong(CompletableFuture::join).sum();
            out.println("the same on the pool " + pool.name() + ": total " + byPool);
        }
        long n = WORKERS * SPAN;
        long expected = n * (n - 1) / 2; // 0 + 1 + ... + (n - 1)
        out.println("expected " + expected);
        return new Totals(byThreads, byPool, expected);
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }
}
