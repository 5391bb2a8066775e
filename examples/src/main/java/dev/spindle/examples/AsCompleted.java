package dev.spindle.examples;

import dev.spindle.Futures;
import dev.spindle.Pool;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Teaches submit + as-completed: each task gets its own future, results are handled in the order
 * the tasks finish (not the order they were submitted), and a task that fails is handled on its
 * own while the others are still reported. Two of the six ranges are bad and their tasks throw.
 *
 * <p>Seed: the multithreading course's {@code submit} + {@code as_completed} with a
 * {@code try: fut.result()} per future.
 */
public final class AsCompleted {

    static final Example EXAMPLE = new Example("as-completed",
            "submit + Futures.asCompleted: results as tasks finish, each failure handled on its own",
            () -> run(System.out));

    /** The ranges: the seed's four, one backwards and one below zero. */
    static final List<Range> RANGES = List.of(
            new Range(1, 75_000), new Range(75_000, 150_000), new Range(300_000, 225_000),
            new Range(150_000, 225_000), new Range(-10, 10), new Range(225_000, 300_000));

    /**
     * @param counted the prime count of every range whose task succeeded, in completion order
     * @param failed  the exception of every range whose task failed, in completion order
     */
    public record Report(Map<Range, Long> counted, Map<Range, Throwable> failed) {
        public long total() {
            return counted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private AsCompleted() {}

    public static Report run(PrintStream out) {
        Map<Range, Long> counted = new LinkedHashMap<>();
        Map<Range, Throwable> failed = new LinkedHashMap<>();
        try (Pool pool = Pool.threads(4)) {
            Map<CompletableFuture<Long>, Range> tasks = new LinkedHashMap<>(); // which range each future counts
            for (Range range : RANGES) {
                tasks.put(pool.submit(() -> Primes.count(range)), range);
            }
            Futures.asCompleted(tasks.keySet()).forEach(done -> {
                Range range = tasks.get(done);
                switch (done.state()) {
                    case SUCCESS -> {
                        counted.put(range, done.resultNow());
                        out.println("  " + range + ": " + done.resultNow() + " primes");
                    }
                    case FAILED -> {
                        failed.put(range, done.exceptionNow());
                        out.println("  " + range + " failed: " + done.exceptionNow());
                    }
                    case CANCELLED -> out.println("  " + range + " was cancelled");
                    case RUNNING -> throw new IllegalStateException("asCompleted yielded an unfinished future: " + done);
                }
            });
        }
        Report report = new Report(counted, failed);
        out.println("total primes " + report.total() + " from " + counted.size() + " ranges; "
                + failed.size() + " ranges failed and were reported, not fatal");
        return report;
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
