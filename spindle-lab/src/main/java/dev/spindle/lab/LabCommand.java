package dev.spindle.lab;

import dev.spindle.lab.harness.Environment;
import dev.spindle.lab.harness.Harness;
import dev.spindle.lab.harness.LabReport;
import dev.spindle.lab.harness.Plan;
import dev.spindle.lab.report.JsonReport;
import dev.spindle.lab.report.Table;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.workload.Workload;
import dev.spindle.lab.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spindle lab}: runs workloads on strategies, measures and verifies every run, prints the
 * table and writes the JSON report. Exit code 0 if every result verified, 1 if any failed,
 * 2 for a usage mistake.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Runs the seeds' workloads on every strategy: warm-ups, repeated measured runs, median/min/max,",
                "speed-up and efficiency against the sequential run, every result verified.",
                "Without options: the default suite (all workloads, all strategies, workers 1, 2, ..., cores, 2 x cores)."})
final class LabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workloads"}, split = ",", paramLabel = "NAME", converter = Converters.WorkloadName.class,
            description = "Workloads to run, comma-separated (default: all; see --list).")
    List<Workload<?>> workloads;

    @Option(names = {"-s", "--strategies"}, split = ",", paramLabel = "NAME", converter = Converters.StrategyName.class,
            description = "Strategies to run, comma-separated (default: all; sequential always runs as the baseline).")
    List<Strategy> strategies;

    @Option(names = {"-n", "--workers"}, split = ",", paramLabel = "N", converter = Converters.Positive.class,
            description = "Worker counts to sweep, comma-separated (default on this machine: ${DEFAULT-VALUE}).")
    List<Integer> workers = Plan.defaultWorkers(Runtime.getRuntime().availableProcessors());

    @Option(names = "--warmups", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "Unmeasured runs per configuration (default: ${DEFAULT-VALUE}).")
    int warmups = Plan.DEFAULT_WARMUPS;

    @Option(names = {"-r", "--repeats"}, paramLabel = "N", converter = Converters.Positive.class,
            description = "Measured runs per configuration (default: ${DEFAULT-VALUE}).")
    int repeats = Plan.DEFAULT_REPEATS;

    @Option(names = "--switch-interval", paramLabel = "DURATION", converter = Converters.Interval.class, defaultValue = "5ms",
            description = "The gil strategy's switch interval, like Python's sys.setswitchinterval: 5ms, 500us, 0.01s (default: ${DEFAULT-VALUE}).")
    Duration switchInterval;

    @Option(names = "--json", paramLabel = "PATH",
            description = "Where to write the JSON report (default: lab-results/lab-<timestamp>.json).")
    Path json;

    @Option(names = "--no-json", description = "Do not write a JSON report.")
    boolean noJson;

    @Option(names = "--list", description = "List the workloads and strategies, and exit.")
    boolean list;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            list(out);
            return 0;
        }
        if (json != null && noJson) {
            throw new ParameterException(spec.commandLine(), "--json and --no-json exclude each other");
        }
        Plan plan;
        try {
            plan = new Plan(workloads == null ? Workloads.all() : workloads,
                    strategies == null ? List.of(Strategy.values()) : strategies, workers, warmups, repeats, switchInterval);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Environment environment = Environment.current();
        out.println("Spindle lab on " + environment.describe());
        out.printf(Locale.ROOT, "%d warm-up(s) + %d measured run(s) per configuration; gil switch interval %s%n%n",
                plan.warmups(), plan.repeats(), readable(plan.switchInterval()));
        out.println(Table.header());
        out.flush();
        LabReport report = new Harness(plan, row -> {
            out.println(Table.line(row));
            out.flush();
        }).run(environment);
        out.println();
        out.print(Table.startUps(report));
        out.print(Table.footer(report));
        if (!noJson) {
            Path path = json != null ? json : Path.of("lab-results", "lab-" + TIMESTAMP.format(report.startedAt()) + ".json");
            JsonReport.write(report, path);
            out.println("JSON report: " + path);
        }
        out.flush();
        return report.failures().isEmpty() ? 0 : 1;
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

    /** {@code 5 ms}, {@code 500 us}, {@code 250 ns}: the largest unit that shows the interval exactly. */
    static String readable(Duration interval) {
        long nanos = interval.toNanos();
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + " ms";
        }
        return nanos % 1_000 == 0 ? nanos / 1_000 + " us" : nanos + " ns";
    }

    private static void list(PrintWriter out) {
        out.println("Workloads (--workloads):");
        for (Workload<?> w : Workloads.all()) {
            out.printf(Locale.ROOT, "  %-14s %-9s %s%n", w.name(), w.kind() == Workload.Kind.SPEEDUP ? "speed-up" : "findings", w.summary());
        }
        out.println();
        out.println("Strategies (--strategies):");
        for (Strategy s : Strategy.values()) {
            out.printf(Locale.ROOT, "  %-14s %s%n", s.cliName(), s.summary());
        }
    }
}
