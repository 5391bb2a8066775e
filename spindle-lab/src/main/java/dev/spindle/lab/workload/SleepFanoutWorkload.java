package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.structured.TaskGroup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A fan-out of timed waits (the seeds' {@code asyncio.gather} of ten thousand
 * {@code asyncio.sleep}s): {@code tasks} waits of {@code sleep}, all at once, each forked as a
 * subtask of one {@link TaskGroup}, which gives it a virtual thread. The run takes one sleep plus
 * what it costs to start, park and wake that many threads; that overhead, and the heap the waits
 * need, are the findings.
 *
 * <p>This workload measures structured concurrency's own fan-out, so it forks into a group of its
 * own rather than submitting to the pool, and runs on the {@code taskgroup} row only. Through a
 * pool, each wait would also carry a pool job and its future, which costs about as much as the
 * wait's thread (see {@code docs/BENCHMARKS.md}); on a strategy with fewer threads than waits, the
 * waits would line up ({@code tasks / workers} sleeps in a row: ten thousand sleeps of 100 ms on
 * four threads take four minutes).
 *
 * @param tasks how many waits
 * @param sleep how long each waits
 */
public record SleepFanoutWorkload(int tasks, Duration sleep) implements Workload<SleepFanoutWorkload.Result> {

    /**
     * @param waits       how many waits ended
     * @param shortest    the shortest wait, measured by its task, in nanoseconds
     * @param wallNanos   from the first submission to the last wait's end
     * @param peakHeapMiB the most heap the run used
     */
    public record Result(long waits, long shortest, long wallNanos, double peakHeapMiB) {}

    public SleepFanoutWorkload {
        if (tasks < 1) {
            throw new IllegalArgumentException("sleep-fanout needs at least 1 task, was " + tasks);
        }
        if (sleep.isNegative()) {
            throw new IllegalArgumentException("sleep-fanout.sleep must not be negative, was " + sleep);
        }
    }

    @Override
    public String name() {
        return "sleep-fanout";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("tasks", tasks, 1, 50_000_000, "how many concurrent waits"),
                Parameter.duration("sleep", sleep, Duration.ZERO, Duration.ofMinutes(10), "how long each waits"));
    }

    @Override
    public SleepFanoutWorkload with(Parameters p) {
        return new SleepFanoutWorkload(p.intCount("tasks"), p.duration("sleep"));
    }

    @Override
    public Bound bound() {
        return Bound.IO;
    }

    @Override
    public String summary() {
        return String.format("%,d concurrent waits of %s, a thread each: the cost of a fan-out", tasks, Parameter.readable(sleep.toNanos()));
    }

    @Override
    public Kind kind() {
        return Kind.FINDINGS;
    }

    @Override
    public boolean needsPriming() {
        return false;
    }

    @Override
    public Optional<String> unsupported(Strategy strategy, int workers) {
        return strategy == Strategy.TASKGROUP ? Optional.empty()
                : Optional.of("measures a TaskGroup's fan-out, a thread per wait: see the taskgroup row");
    }

    /** Forks every wait in one {@link TaskGroup} and joins them; {@code pool} is not used (see above). */
    @Override
    public Result execute(Pool pool) throws InterruptedException {
        long nanos = sleep.toNanos();
        HeapPeak.reset();
        long start = System.nanoTime();
        List<Long> slept;
        try (TaskGroup<Long> group = TaskGroup.open()) {
            for (int i = 0; i < tasks; i++) {
                group.fork(() -> sleepFor(nanos));
            }
            slept = group.join();
        }
        long wall = System.nanoTime() - start;
        LongSummaryStatistics stats = slept.stream().mapToLong(Long::longValue).summaryStatistics();
        return new Result(stats.getCount(), stats.getMin(), wall, HeapPeak.mebibytes());
    }

    private static long sleepFor(long nanos) throws InterruptedException {
        long t0 = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(nanos);
        return System.nanoTime() - t0;
    }

    @Override
    public Verdict verify(Result result) {
        Map<String, Object> findings = new LinkedHashMap<>();
        double overheadMillis = (result.wallNanos() - sleep.toNanos()) / 1e6;
        findings.put("waits", result.waits());
        findings.put("sleepMillis", sleep.toNanos() / 1e6);
        findings.put("wallMillis", result.wallNanos() / 1e6);
        findings.put("overheadMillis", overheadMillis);
        findings.put("peakHeapMiB", Math.round(result.peakHeapMiB()));
        if (result.waits() != tasks) {
            return Verdict.fail(String.format("%,d waits ended, expected %,d", result.waits(), tasks), findings);
        }
        if (result.shortest() < sleep.toNanos()) {
            return Verdict.fail(String.format("a wait ended after %.3f ms, before its %s", result.shortest() / 1e6,
                    Parameter.readable(sleep.toNanos())), findings);
        }
        return Verdict.pass(String.format("%,d waits of %s in %.0f ms: %.0f ms beyond one wait, peak heap %d MiB", tasks,
                Parameter.readable(sleep.toNanos()), result.wallNanos() / 1e6, overheadMillis, Math.round(result.peakHeapMiB())), findings);
    }
}
