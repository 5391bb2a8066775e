package dev.spindle.examples;

import dev.spindle.Pool;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Teaches two ways to give a thread its own state. The seed's way: an object that holds its
 * configuration and, once {@code run()} has finished, its result; the object itself is the
 * thread's {@link Runnable}, and the result is read after {@code join()}. The Java way: a record
 * that is a {@link Callable}, whose result is its return value, run by any
 * {@link ExecutorService}, here a Spindle pool's.
 *
 * <p>Seed: the multithreading course's {@code RangeCounter} class with {@code Thread(target=w.run)}.
 */
public final class RangeCounters {

    static final Example EXAMPLE = new Example("range-counters",
            "per-thread state in objects: Runnable counters with a result field, then Callable records",
            () -> run(System.out));

    /** What both ways summed, and what they should have. */
    public record Totals(long fromFields, long fromCallables, long expected) {}

    /** The seed's shape: configuration in, result stored in a field by {@link #run()}. */
    static final class RangeCounter implements Runnable {
        private final String name;
        private final long start;
        private final long end;
        private long result; // written by the thread running run(), read by others only after join()

        RangeCounter(String name, long start, long end) {
            this.name = name;
            this.start = start;
            this.end = end;
        }

        @Override
        public void run() {
            result = sum(start, end);
        }

        String name() {
            return name;
        }

        long result() {
            return result;
        }
    }

    /** The Java shape: immutable configuration, the result is what {@link #call()} returns. */
    record RangeSum(long start, long end) implements Callable<Long> {
        @Override
        public Long call() {
            return sum(start, end);
        }
    }

    private RangeCounters() {}

    static long sum(long start, long end) {
        long total = 0;
        for (long x = start; x < end; x++) {
            total += x;
        }
        return total;
    }

    public static Totals run(PrintStream out) throws Exception {
        List<RangeCounter> counters = List.of(new RangeCounter("t0", 0, 1_000), new RangeCounter("t1", 1_000, 2_000));
        List<Thread> threads = counters.stream()
                .map(counter -> Thread.ofPlatform().name(counter.name()).start(counter))
                .toList();
        for (Thread thread : threads) {
            thread.join();
        }
        long fromFields = 0;
        for (RangeCounter counter : counters) {
            out.println("  " + counter.name() + " stored " + counter.result());
            fromFields += counter.result();
        }
        out.println("Runnable counters on their own threads: total " + fromFields);

        List<RangeSum> sums = List.of(new RangeSum(0, 1_000), new RangeSum(1_000, 2_000));
        long fromCallables = 0;
        try (Pool pool = Pool.threads(2)) {
            ExecutorService executor = pool.asExecutorService(); // for code written against the JDK's interface
            for (Future<Long> sum : executor.invokeAll(sums)) {
                fromCallables += sum.get();
            }
        }
        out.println("Callable records through invokeAll: total " + fromCallables);
        long expected = 1_999L * 2_000 / 2; // 0 + 1 + ... + 1999
        out.println("expected " + expected);
        return new Totals(fromFields, fromCallables, expected);
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
