package dev.spindle.lab.report;

import dev.spindle.lab.advice.Advisor;
import dev.spindle.lab.harness.LabReport;
import dev.spindle.lab.harness.Row;
import dev.spindle.lab.harness.StartUp;
import dev.spindle.lab.harness.Stats;

import java.util.List;
import java.util.Locale;

/**
 * The terminal table: one line per workload × strategy × workers, in fixed-width columns so that
 * lines can be printed as soon as each configuration is measured. The last column holds the
 * check's one-line summary: for speed-up workloads what was verified, for the race and the
 * deadlock their findings.
 */
public final class Table {

    private static final String FORMAT = "%-13s %-10s %7s %10s %9s %9s %8s %10s  %-6s  %s";

    private Table() {}

    public static String header() {
        String head = String.format(Locale.ROOT, FORMAT, "workload", "strategy", "workers", "median ms", "min ms", "max ms",
                "speed-up", "efficiency", "check", "notes");
        return head + "\n" + "-".repeat(head.length() + 20);
    }

    public static String line(Row row) {
        Stats s = row.stats();
        String status = switch (row.status()) {
            case OK -> "ok";
            case FAILED -> "FAILED";
            case SKIPPED -> "-";
        };
        return String.format(Locale.ROOT, FORMAT, row.workload(), row.strategy().cliName(), workers(row.workers()),
                s == null ? "-" : millis(s.median()), s == null ? "-" : millis(s.min()), s == null ? "-" : millis(s.max()),
                row.speedupValue().isPresent() ? String.format(Locale.ROOT, "%.2f", row.speedupValue().getAsDouble()) : "-",
                row.efficiency().isPresent() ? String.format(Locale.ROOT, "%.2f", row.efficiency().getAsDouble()) : "-",
                status, row.flagged() ? "DOUBTFUL (" + row.noise().reason() + ") " + row.check() : row.check());
    }

    /** The worker count as the table shows it: {@code per task} for a thread per task. */
    public static String workers(int workers) {
        return workers == Row.ONE_PER_TASK ? "all" : Integer.toString(workers);
    }

    private static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** What a pool of each strategy costs to open and close, after the table. */
    public static String startUps(LabReport report) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nStart-up: a pool of 2 opened, 2 tiny tasks run, the pool closed (median of 5, min, max)%n"));
        for (StartUp startUp : report.startUps()) {
            Stats s = startUp.stats();
            out.append(String.format(Locale.ROOT, "  %-10s %s%n", startUp.strategy().cliName(), s == null
                    ? "FAILED: " + startUp.failure()
                    : String.format(Locale.ROOT, "%9.3f ms  (%.3f, %.3f)", s.median() / 1e6, s.min() / 1e6, s.max() / 1e6)));
        }
        return out.toString();
    }

    /** What follows the table: failures, loudly, or that every result was verified. */
    public static String footer(LabReport report) {
        List<Row> failures = report.failures();
        StringBuilder out = new StringBuilder();
        long measured = report.rows().stream().filter(r -> r.status() != Row.Status.SKIPPED).count();
        if (report.interrupted()) {
            out.append(String.format(Locale.ROOT, "Interrupted after %.1f s: the %d configuration(s) above were measured; the rest did not run.%n",
                    report.took().toNanos() / 1e9, measured));
        } else if (failures.isEmpty()) {
            out.append(String.format(Locale.ROOT, "All %d measured configurations verified. Took %.1f s.%n",
                    measured, report.took().toNanos() / 1e9));
        }
        List<Row> flagged = report.rows().stream().filter(Row::flagged).toList();
        if (!flagged.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%d configuration(s) were measured on a busy machine or varied too much (DOUBTFUL above):"
                    + " rerun them with --rerun-flagged and this run's JSON report.%n", flagged.size()));
        }
        if (!failures.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n!!! %d of %d configurations FAILED verification !!!%n", failures.size(), measured));
            for (Row row : failures) {
                out.append(String.format(Locale.ROOT, "  FAILED %s on %s(%s): %s%n", row.workload(), row.strategy().cliName(),
                        workers(row.workers()), row.check()));
            }
        }
        return out.toString();
    }

    /** The advisor's recommendations ({@code --advise}). */
    public static String advice(List<Advisor.Advice> advice) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nWhich model fits which work, from this run's figures:%n"));
        if (advice.isEmpty()) {
            out.append(String.format(Locale.ROOT, "  nothing to advise: no speed-up workload has a baseline and another measured configuration%n"));
        }
        for (Advisor.Advice a : advice) {
            out.append(String.format(Locale.ROOT, "  %s: %s%n      %s%n", a.workload(), a.recommendation(), a.why()));
            for (String warning : a.warnings()) {
                out.append(String.format(Locale.ROOT, "      ! %s%n", warning));
            }
        }
        return out.toString();
    }
}
