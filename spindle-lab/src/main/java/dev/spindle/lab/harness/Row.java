package dev.spindle.lab.harness;

import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.trace.Timeline;
import dev.spindle.lab.workload.Workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One line of the report: a workload on a strategy with a worker count.
 *
 * @param workload   the workload's name
 * @param kind       whether its time is a speed-up
 * @param strategy   the strategy
 * @param workers    the worker count ({@code 1} for sequential, {@link #ONE_PER_TASK} for a thread per task)
 * @param status     ok, failed or skipped
 * @param stats      the measured times, or {@code null} if no run was measured (skipped, or failed
 *                   before it)
 * @param speedup    against the sequential baseline, or NaN where it has no meaning (findings
 *                   workloads, no baseline, no stats)
 * @param check      what the verification said (or why it was skipped, or the error)
 * @param findings   the last verified run's findings (of the failing run, if one failed)
 * @param noise      how disturbed the measurement was, or {@code null} if nothing was measured
 * @param timeline   the tasks of the last measured run, or {@code null}
 */
public record Row(String workload, Workload.Kind kind, Strategy strategy, int workers, Status status, Stats stats,
                  double speedup, String check, Map<String, Object> findings, Noise noise, Timeline timeline) {

    /** The worker count of a strategy that gives every task a thread of its own ({@code taskgroup}). */
    public static final int ONE_PER_TASK = 0;

    /** How a configuration ended. */
    public enum Status { OK, FAILED, SKIPPED }

    public Row {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(check, "check");
        findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
    }

    /** A row without a judgement of noise (skipped, or made up by a test). */
    public Row(String workload, Workload.Kind kind, Strategy strategy, int workers, Status status, Stats stats,
               double speedup, String check, Map<String, Object> findings) {
        this(workload, kind, strategy, workers, status, stats, speedup, check, findings, null, null);
    }

    /** Whether this row's figures are doubtful (see {@link Noise}). */
    public boolean flagged() {
        return noise != null && noise.flagged();
    }

    /** Speed-up per worker, or empty where speed-up has no value. */
    public OptionalDouble efficiency() {
        return Double.isNaN(speedup) || workers == ONE_PER_TASK ? OptionalDouble.empty() : OptionalDouble.of(Stats.efficiency(speedup, workers));
    }

    public OptionalDouble speedupValue() {
        return Double.isNaN(speedup) ? OptionalDouble.empty() : OptionalDouble.of(speedup);
    }
}
