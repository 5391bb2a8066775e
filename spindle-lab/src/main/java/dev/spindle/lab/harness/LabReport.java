package dev.spindle.lab.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a lab session: the environment, the plan, and one row per configuration.
 *
 * @param environment where it ran
 * @param plan        what was asked
 * @param startedAt   when it started
 * @param took        how long it took, wall clock
 * @param rows        one per workload × strategy × worker count, in run order
 * @param startUps    one per strategy: what opening a pool and closing it costs (none if interrupted)
 * @param interrupted whether the run was stopped early (Ctrl-C): the rows are those measured before
 */
public record LabReport(Environment environment, Plan plan, Instant startedAt, Duration took, List<Row> rows,
                        List<StartUp> startUps, boolean interrupted) {

    public LabReport {
        rows = List.copyOf(rows);
        startUps = List.copyOf(startUps);
    }

    /** The rows whose verification failed. */
    public List<Row> failures() {
        return rows.stream().filter(r -> r.status() == Row.Status.FAILED).toList();
    }
}
