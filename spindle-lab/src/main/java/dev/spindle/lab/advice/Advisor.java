package dev.spindle.lab.advice;

import dev.spindle.lab.harness.LabReport;
import dev.spindle.lab.harness.Row;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.trace.Timeline;
import dev.spindle.lab.workload.Workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which model fits which work, from a run's own figures: the seeds' "choosing the right approach"
 * tables, measured on the user's machine.
 *
 * <h2>How it decides</h2>
 * For each speed-up workload, the configuration with the best measured speed-up is recommended
 * (within {@value #TIE} of each other, the simpler strategy wins, in {@link #SIMPLER} order); no
 * configuration beating the sequential run by more than 10 % means: stay sequential. The reason
 * cites the figures and reads them through the workload's {@link Workload.Bound}: why the GIL
 * stopped computation but not waiting, why worker JVMs paid more than they earned (with the bytes a
 * task carries, {@link Workload#bytesPerTask()}, where they are many), why memory-bound work stops
 * scaling.
 *
 * <p>It warns when a figure it cites is doubtful: the configuration was flagged for noise, or its
 * efficiency is above {@value #SUPERLINEAR} (no strategy makes a core do more than its own work, so
 * the baseline was slow for another reason). It also warns where per-task overhead dominates, from the run's timeline: tasks shorter than
 * {@value #TINY_TASK_MICROS} µs (or, on worker JVMs, than {@value #TINY_REMOTE_TASK_MILLIS} ms) on a
 * configuration whose efficiency is below one half.
 *
 * @see Advice
 */
public final class Advisor {

    /** Speed-ups within this ratio of the best count as a tie. */
    static final double TIE = 0.05;
    /** The order in which tied strategies are preferred: the simplest tool that does the job. */
    static final List<Strategy> SIMPLER = List.of(Strategy.THREADS, Strategy.VIRTUAL, Strategy.FORKJOIN, Strategy.TASKGROUP,
            Strategy.ISOLATED, Strategy.PROCESSES, Strategy.CLUSTER, Strategy.GIL, Strategy.SEQUENTIAL);
    static final long TINY_TASK_MICROS = 200;
    static final long TINY_REMOTE_TASK_MILLIS = 2;
    /** Efficiency above which a speed-up says more about the baseline than about the strategy. */
    static final double SUPERLINEAR = 1.2;

    private Advisor() {}

    /** One workload's recommendation, its reason, and any warnings. */
    public record Advice(String workload, String recommendation, String why, List<String> warnings) {
        public Advice {
            warnings = List.copyOf(warnings);
        }
    }

    /** Advice for every speed-up workload of the report that has measured results. */
    public static List<Advice> advise(LabReport report) {
        List<Advice> advice = new ArrayList<>();
        for (Workload<?> workload : report.plan().workloads()) {
            if (workload.kind() != Workload.Kind.SPEEDUP) {
                continue;
            }
            List<Row> rows = report.rows().stream()
                    .filter(r -> r.workload().equals(workload.name()) && r.status() == Row.Status.OK && r.speedupValue().isPresent())
                    .toList();
            Optional<Row> baseline = rows.stream().filter(r -> r.strategy() == Strategy.SEQUENTIAL).findFirst();
            if (baseline.isEmpty() || rows.size() < 2) {
                continue;
            }
            advice.add(advise(workload, baseline.get(), rows));
        }
        return advice;
    }

    static Advice advise(Workload<?> workload, Row baseline, List<Row> rows) {
        double top = rows.stream().mapToDouble(Row::speedup).max().orElse(1);
        Row best = rows.stream().filter(r -> r.speedup() >= top * (1 - TIE))
                .min(Comparator.comparingInt((Row r) -> SIMPLER.indexOf(r.strategy())).thenComparingInt(Row::workers))
                .orElseThrow();
        StringBuilder why = new StringBuilder();
        String recommendation;
        if (top < 1.1) {
            best = baseline;
            recommendation = "stay sequential";
            why.append(String.format(Locale.ROOT, "no strategy beat the sequential run's %s by more than 10%% (the best: %.2fx)",
                    millis(baseline), top));
        } else {
            recommendation = "use " + configuration(best);
            why.append(String.format(Locale.ROOT, "%s: %s against %s sequentially, a speed-up of %.2fx%s", boundPhrase(workload.bound()),
                    millis(best), millis(baseline), best.speedup(),
                    best.efficiency().isPresent() ? String.format(Locale.ROOT, " (efficiency %.2f)", best.efficiency().getAsDouble()) : ""));
        }
        bestOf(rows, Strategy.GIL).ifPresent(gil -> why.append(String.format(Locale.ROOT, ". Under the emulated GIL the best was %.2fx: %s",
                gil.speedup(), workload.bound() == Workload.Bound.IO
                        ? "the waits overlap even there, since a thread releases the lock while it waits"
                        : "one thread computes at a time, as in CPython with its GIL")));
        Row chosen = best;
        bestOf(rows, Strategy.PROCESSES).filter(p -> chosen.strategy() != Strategy.PROCESSES && p.speedup() < 0.8 * chosen.speedup())
                .ifPresent(p -> why.append(String.format(Locale.ROOT, ". Worker JVMs reached %.2fx: every task's inputs and results cross"
                        + " a process boundary%s, which at this size costs more than the isolation is worth", p.speedup(),
                        workload.bytesPerTask() >= 1 << 20 ? String.format(Locale.ROOT, " (%.1f MB a task here)", workload.bytesPerTask() / 1e6) : "")));
        if (workload.bound() == Workload.Bound.MEMORY) {
            rows.stream().filter(r -> r.efficiency().isPresent() && r.workers() > 1).max(Comparator.comparingInt(Row::workers))
                    .ifPresent(r -> why.append(String.format(Locale.ROOT, ". At %d workers the efficiency is %.2f: once memory bandwidth is"
                            + " the limit, more cores wait on the same bus", r.workers(), r.efficiency().getAsDouble())));
        }
        why.append('.');
        List<String> warnings = new ArrayList<>();
        for (Row cited : chosen == baseline ? List.of(baseline) : List.of(baseline, chosen)) {
            if (cited.flagged()) {
                warnings.add("the figures of " + configuration(cited) + " are doubtful (" + cited.noise().reason()
                        + "): rerun it with --rerun-flagged before trusting this advice");
            }
        }
        if (chosen.efficiency().isPresent() && chosen.efficiency().getAsDouble() > SUPERLINEAR) {
            warnings.add(String.format(Locale.ROOT, "an efficiency of %.2f, above 1, means the sequential run was slow for another reason"
                    + " (the JIT, the garbage collector, a busy machine) rather than that %s is magic: rerun before trusting it",
                    chosen.efficiency().getAsDouble(), configuration(chosen)));
        }
        warnings.addAll(overheadWarnings(rows));
        return new Advice(workload.name(), recommendation, why.toString(), warnings);
    }

    /** Configurations where dispatching a task costs more than the task's own work. */
    static List<String> overheadWarnings(List<Row> rows) {
        List<String> warnings = new ArrayList<>();
        for (Row r : rows) {
            Timeline t = r.timeline();
            if (t == null || t.spans().isEmpty() || r.efficiency().isEmpty() || r.efficiency().getAsDouble() >= 0.5) {
                continue;
            }
            double meanMicros = t.spans().stream().mapToLong(s -> s.endNanos() - s.startNanos()).average().orElse(0) / 1e3;
            boolean remote = r.strategy().startsOtherJvms();
            if (remote ? meanMicros < TINY_REMOTE_TASK_MILLIS * 1000 : meanMicros < TINY_TASK_MICROS) {
                warnings.add(String.format(Locale.ROOT, "on %s a task lasted %.0f us on average and the efficiency is %.2f: per-task overhead"
                        + " dominates%s; batch the inputs (map's chunking, or a larger chunk)", configuration(r), meanMicros,
                        r.efficiency().getAsDouble(), remote ? " (a round trip to a worker JVM costs a few hundred microseconds)" : ""));
            }
        }
        return warnings;
    }

    private static Optional<Row> bestOf(List<Row> rows, Strategy strategy) {
        return rows.stream().filter(r -> r.strategy() == strategy).max(Comparator.comparingDouble(Row::speedup));
    }

    private static String configuration(Row r) {
        return r.strategy().cliName() + (r.workers() == Row.ONE_PER_TASK ? " (a thread per task)"
                : r.strategy() == Strategy.SEQUENTIAL ? "" : " with " + r.workers() + " worker" + (r.workers() == 1 ? "" : "s"));
    }

    private static String millis(Row r) {
        return String.format(Locale.ROOT, "%.1f ms", r.stats().median() / 1e6);
    }

    private static String boundPhrase(Workload.Bound bound) {
        return switch (bound) {
            case CPU -> "CPU-bound, so it needs threads that compute at once";
            case IO -> "I/O-bound, so it needs waits that overlap";
            case MEMORY -> "memory-bound, so it scales only as far as memory bandwidth allows";
        };
    }
}
