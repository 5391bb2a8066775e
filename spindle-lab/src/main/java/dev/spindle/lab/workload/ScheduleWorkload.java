package dev.spindle.lab.workload;

import dev.spindle.MapOptions;
import dev.spindle.Pool;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.trace.Timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Scheduling uneven work (the seeds' primes in ranges, whose cost grows with the numbers: a prime
 * near n costs about √n divisions): the primes below {@code limit} counted three ways on the same
 * pool, each timed on its own:
 * <ul>
 *   <li><b>static</b>: one contiguous range per worker, as {@code pool.starmap} over n ranges does.
 *       The last range holds the largest numbers and takes the longest; the other workers finish
 *       early and wait.</li>
 *   <li><b>dynamic</b>: {@code chunks} small ranges through the pool's shared queue: a worker that
 *       finishes takes the next, so the work evens out.</li>
 *   <li><b>stealing</b>: recursive halving, a fork/join pool's way: a task larger than one chunk
 *       submits its left half, counts its right half, then joins the left, and idle workers steal
 *       the halves waiting in the queues. Only where a task may wait for another on its own pool:
 *       {@code forkjoin} (which runs a joined task in the waiting worker) and {@code sequential};
 *       on a pool of fixed workers the waiting parents would hold every worker, a deadlock.</li>
 * </ul>
 * Each worker's <b>busy time</b> is the sum of its tasks' times, from the pool's task events
 * (started on worker W, finished); the <b>imbalance</b> is the busiest worker's time over the
 * average of the workers that ran: 1.0 is perfect balance, 2.0 means the busiest worked twice the
 * average while others idled. Every count is checked against a sieve.
 *
 * @param limit  count the primes below this
 * @param chunks how many small ranges the dynamic schedule cuts, and the smallest piece the
 *               stealing schedule splits down to ({@code limit / chunks} numbers)
 */
public record ScheduleWorkload(int limit, int chunks) implements Workload<ScheduleWorkload.Result> {

    /** How the ranges reach the workers. */
    public enum Schedule { STATIC, DYNAMIC, STEALING }

    /**
     * One schedule's run.
     *
     * @param schedule the schedule
     * @param primes   the count
     * @param nanos    how long it took, wall clock
     * @param busy     each worker's busy time in nanoseconds, by worker name
     */
    public record Run(Schedule schedule, long primes, long nanos, Map<String, Long> busy) {

        /** The busiest worker's time over the average worker's. */
        public double imbalance() {
            if (busy.isEmpty()) {
                return Double.NaN;
            }
            long max = Collections.max(busy.values());
            double average = busy.values().stream().mapToLong(Long::longValue).average().orElseThrow();
            return max / average;
        }
    }

    /** @param runs one per schedule that ran */
    public record Result(List<Run> runs) {}

    public ScheduleWorkload {
        if (limit < 2 || chunks < 1 || chunks > limit) {
            throw new IllegalArgumentException("schedule needs limit >= 2 and 1 <= chunks <= limit, was limit=" + limit + ", chunks=" + chunks);
        }
    }

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("limit", limit, 2, Integer.MAX_VALUE - 1, "count the primes below this"),
                Parameter.count("chunks", chunks, 1, 1_000_000, "small ranges for the dynamic schedule, smallest piece for stealing"));
    }

    @Override
    public ScheduleWorkload with(Parameters p) {
        return new ScheduleWorkload(p.intCount("limit"), p.intCount("chunks"));
    }

    @Override
    public String summary() {
        return String.format("primes below %,d three ways: a range per worker, %d ranges from the queue, recursive halving (stealing);"
                + " busy time per worker and imbalance", limit, chunks);
    }

    @Override
    public Kind kind() {
        return Kind.FINDINGS;
    }

    @Override
    public Optional<String> unsupported(Strategy strategy, int workers) {
        return strategy == Strategy.TASKGROUP
                ? Optional.of("a thread per task has no fixed workers to split the range among")
                : Optional.empty();
    }

    /** Whether the stealing schedule can run on this pool without starving it. */
    private static boolean mayJoinOnItsOwnPool(Pool pool) {
        String name = pool.name();
        return name.startsWith("sequential") || name.startsWith("forkJoin");
    }

    @Override
    public Result execute(Pool pool) {
        int workers = pool.parallelism();
        List<Run> runs = new ArrayList<>();
        runs.add(timed(pool, Schedule.STATIC, () -> sum(pool, Range.split(0, limit, workers))));
        runs.add(timed(pool, Schedule.DYNAMIC, () -> sum(pool, Range.split(0, limit, chunks))));
        if (mayJoinOnItsOwnPool(pool)) {
            long grain = Math.max(1, limit / chunks);
            runs.add(timed(pool, Schedule.STEALING, () -> pool.submit(() -> halve(pool, new Range(0, limit), grain)).join()));
        }
        return new Result(runs);
    }

    private static long sum(Pool pool, List<Range> ranges) {
        return pool.map(PrimesWorkload::countPrimes, ranges, MapOptions.defaults().withInFlight(ranges.size()).withChunkSize(1))
                .mapToLong(Long::longValue).sum();
    }

    /** Counts a range by recursive halving: submit the left half, count the right, join the left. */
    static long halve(Pool pool, Range range, long grain) {
        if (range.hi() - range.lo() <= grain) {
            return PrimesWorkload.countPrimes(range);
        }
        long middle = range.lo() + (range.hi() - range.lo()) / 2;
        CompletableFuture<Long> left = pool.submit(() -> halve(pool, new Range(range.lo(), middle), grain));
        long right = halve(pool, new Range(middle, range.hi()), grain);
        return left.join() + right;
    }

    private interface Counting {
        long count();
    }

    /** Runs one schedule, and reads each worker's busy time from the run's timeline. */
    private static Run timed(Pool pool, Schedule schedule, Counting counting) {
        try (Timeline.Recorder recorder = Timeline.record(pool)) {
            long start = System.nanoTime();
            long primes = counting.count();
            long nanos = System.nanoTime() - start;
            return new Run(schedule, primes, nanos, recorder.finish().busy());
        }
    }

    @Override
    public Verdict verify(Result result) {
        long expected = Sieve.primesBelow(limit)[limit];
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("primes", expected);
        StringBuilder line = new StringBuilder();
        String wrong = null;
        for (Run run : result.runs()) {
            String key = run.schedule().name().toLowerCase(java.util.Locale.ROOT);
            findings.put(key + ".millis", run.nanos() / 1e6);
            findings.put(key + ".imbalance", run.imbalance());
            findings.put(key + ".workers", run.busy().size());
            findings.put(key + ".busyMillis", run.busy().values().stream().map(n -> n / 1e6).toList());
            line.append(line.isEmpty() ? "" : "; ").append(String.format("%s %.0f ms, imbalance %.2f", key, run.nanos() / 1e6, run.imbalance()));
            if (run.primes() != expected && wrong == null) {
                wrong = String.format("%s counted %,d primes below %,d, the sieve says %,d", key, run.primes(), limit, expected);
            }
        }
        if (result.runs().size() < 2) {
            return Verdict.fail("expected at least the static and dynamic runs, got " + result.runs().size(), findings);
        }
        if (wrong != null) {
            return Verdict.fail(wrong, findings);
        }
        if (result.runs().size() == 2) {
            line.append("; stealing needs forkjoin");
        }
        return Verdict.pass(line.toString(), findings);
    }
}
