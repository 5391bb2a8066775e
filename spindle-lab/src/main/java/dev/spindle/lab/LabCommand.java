package dev.spindle.lab;

import dev.spindle.lab.advice.Advisor;
import dev.spindle.lab.harness.Environment;
import dev.spindle.lab.harness.Harness;
import dev.spindle.lab.harness.LabReport;
import dev.spindle.lab.harness.Plan;
import dev.spindle.lab.harness.Row;
import dev.spindle.lab.report.HtmlReport;
import dev.spindle.lab.report.JsonReport;
import dev.spindle.lab.report.Table;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.trace.ChromeTrace;
import dev.spindle.lab.workload.Parameter;
import dev.spindle.lab.workload.Workload;
import dev.spindle.lab.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code spindle lab}: runs workloads on strategies, measures and verifies every run, prints the
 * table and writes the JSON and HTML reports. Exit code 0 if every result verified, 1 if any failed,
 * 2 for a usage mistake, 130 if stopped by Ctrl-C (after writing what was measured).
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Runs the seeds' workloads on every strategy: warm-ups, repeated measured runs, median/min/max,",
                "speed-up and efficiency against the sequential run, every result verified.",
                "Without options: the default suite (all workloads, all strategies, workers 1, 2, ..., cores, 2 x cores)."})
final class LabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workloads"}, split = ",", paramLabel = "NAME", converter = Converters.WorkloadName.class,
            description = "Workloads to run, comma-separated (default: all but those --list marks 'by name').")
    List<String> workloads;

    @Option(names = {"-p", "--param"}, paramLabel = "WORKLOAD.NAME=VALUE",
            description = {"Sets a workload's size, repeatable: --param fetch.requests=10000 --param fetch.delay=100ms",
                    "(counts: 10000, 10k, 1M; durations: 100ms, 500us, 1s). --list shows every parameter."})
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-s", "--strategies"}, split = ",", paramLabel = "NAME", converter = Converters.StrategyName.class,
            description = "Strategies to run, comma-separated (default: all but those --list marks 'by name'; sequential always runs as the baseline).")
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

    @Option(names = "--html", paramLabel = "PATH",
            description = "Where to write the HTML report, one file that works offline (default: beside the JSON report).")
    Path html;

    @Option(names = "--no-html", description = "Do not write an HTML report.")
    boolean noHtml;

    @Option(names = "--trace", paramLabel = "PATH",
            description = {"Also write each configuration's timeline (one run: its tasks on their workers, the GIL's hand-overs)",
                    "in the Chrome trace-event format, which ui.perfetto.dev opens."})
    Path trace;

    @Option(names = "--jfr", paramLabel = "PATH",
            description = {"Record the run with the JDK Flight Recorder (its default settings, and Spindle's task events:",
                    "dev.spindle.TaskSubmitted, TaskStarted, TaskFinished, TaskFailed) into this file."})
    Path jfr;

    @Option(names = "--advise", description = {"After the table, say which strategy fits each workload and why, citing this run's figures,",
            "and where per-task overhead dominates (the HTML report always shows it)."})
    boolean advise;

    @Option(names = "--list", description = "List the workloads and strategies, and exit.")
    boolean list;

    @Option(names = "--rerun-flagged", paramLabel = "RESULTS.json",
            description = {"Runs again only the configurations that an earlier run flagged as doubtful (measured on a busy",
                    "machine, or with runs spread too far), with that run's workload parameters, and their baselines."})
    Path rerunFlagged;

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
        if (html != null && noHtml) {
            throw new ParameterException(spec.commandLine(), "--html and --no-html exclude each other");
        }
        String stamp = TIMESTAMP.format(Instant.now());
        Path jsonPath = noJson ? null : json != null ? json : Path.of("lab-results", "lab-" + stamp + ".json");
        Path htmlPath = noHtml ? null : html != null ? html : Path.of("lab-results", "lab-" + stamp + ".html");
        Set<String> only = Set.of();
        Plan plan;
        try {
            if (rerunFlagged != null) {
                only = chooseFlagged(out);
                if (only.isEmpty()) {
                    return 0;
                }
            }
            List<Workload<?>> catalog = Workloads.withParameters(params);
            List<Workload<?>> chosen = workloads == null ? catalog.stream().filter(Workloads::inDefaultSuite).toList()
                    : workloads.stream().<Workload<?>>map(name -> catalog.stream()
                            .filter(w -> w.name().equalsIgnoreCase(name)).findFirst().orElseThrow()).toList();
            plan = new Plan(chosen, strategies == null ? Strategy.defaultSuite() : strategies, workers, warmups, repeats,
                    switchInterval, only);
            if (jsonPath != null) { // after every other check: nothing is created for a run that cannot start
                Outputs.checkWritable(jsonPath, "the JSON report");
            }
            if (htmlPath != null) {
                Outputs.checkWritable(htmlPath, "the HTML report");
            }
            if (trace != null) {
                Outputs.checkWritable(trace, "the trace");
            }
            if (jfr != null) {
                Outputs.checkWritable(jfr, "the flight recording");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Environment environment = Environment.current();
        out.println("Spindle lab on " + environment.describe());
        out.printf(Locale.ROOT, "%d warm-up(s) + %d measured run(s) per configuration; gil switch interval %s%n",
                plan.warmups(), plan.repeats(), readable(plan.switchInterval()));
        for (Workload<?> w : plan.workloads()) {
            if (!w.parameters().all().isEmpty()) {
                out.printf(Locale.ROOT, "  %-14s %s%n", w.name(), w.parameters().describe());
            }
        }
        out.println();
        out.println(Table.header());
        out.flush();
        Progress progress = Progress.forTerminal(out);
        Harness harness = new Harness(plan, new Harness.Listener() {
            @Override
            public void starting(String workload, Strategy strategy, int workers) {
                progress.starting(workload + " on " + strategy.cliName() + (strategy.usesWorkers() ? "(" + workers + ")" : ""));
            }

            @Override
            public void finished(Row row) {
                progress.above(Table.line(row));
            }
        });
        progress.start(harness.configurations());
        LabReport report;
        try (progress; Interruption interruption = Interruption.onSignal(harness); FlightRecording recording = FlightRecording.start(jfr)) {
            report = harness.run(environment);
            recording.stop();
            progress.close(); // erased before the footer is printed
            out.println();
            if (!report.interrupted()) {
                out.print(Table.startUps(report));
            }
            out.print(Table.footer(report));
            if (advise) {
                out.print(Table.advice(Advisor.advise(report)));
            }
            String partial = report.interrupted() ? " (the configurations measured before the stop)" : "";
            if (jsonPath != null) {
                JsonReport.write(report, jsonPath);
                out.println("JSON report: " + jsonPath + partial);
            }
            if (htmlPath != null) {
                HtmlReport.write(JsonReport.tree(report), htmlPath);
                out.println("HTML report: " + htmlPath + partial);
            }
            if (trace != null) {
                ChromeTrace.write(report.rows().stream().filter(r -> r.timeline() != null)
                        .map(r -> new ChromeTrace.Track(r.workload() + " on " + r.strategy().cliName()
                                + (r.strategy().usesWorkers() ? " x" + r.workers() : ""), r.timeline())).toList(), trace);
                out.println("Trace: " + trace + " (open it in ui.perfetto.dev)");
            }
            recording.report(out);
            out.flush();
            interruption.reported();
        }
        if (report.interrupted()) {
            return INTERRUPTED;
        }
        return report.failures().isEmpty() ? 0 : 1;
    }

    /**
     * For {@code --rerun-flagged}: reads the earlier run, sets the workloads, strategies, worker
     * counts and parameters to those of its flagged configurations, and returns their keys (empty,
     * after saying so, when it flagged none).
     *
     * @throws IllegalArgumentException if the file cannot be read as a lab report, or options
     *                                  that choose configurations were given too
     */
    @SuppressWarnings("unchecked")
    private Set<String> chooseFlagged(PrintWriter out) throws IOException {
        var given = spec.commandLine().getParseResult();
        for (String option : List.of("--workloads", "--strategies", "--workers", "--param")) {
            if (given.hasMatchedOption(option)) {
                throw new IllegalArgumentException("--rerun-flagged chooses the configurations and parameters itself; leave out " + option);
            }
        }
        Map<String, Object> earlier;
        try {
            earlier = JsonReport.read(rerunFlagged);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + rerunFlagged, e);
        }
        Set<String> keys = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<Strategy> chosenStrategies = new LinkedHashSet<>();
        Set<Integer> counts = new TreeSet<>();
        for (Object o : (List<Object>) earlier.get("results")) {
            Map<String, Object> row = (Map<String, Object>) o;
            if (row.get("noise") instanceof Map<?, ?> noise && Boolean.TRUE.equals(noise.get("flagged"))) {
                Strategy strategy = Strategy.named(String.valueOf(row.get("strategy"))).orElseThrow(() ->
                        new IllegalArgumentException(rerunFlagged + " names an unknown strategy '" + row.get("strategy") + "'"));
                int count = ((Number) row.get("workers")).intValue();
                String workload = String.valueOf(row.get("workload"));
                keys.add(Plan.key(workload, strategy, count));
                names.add(workload);
                chosenStrategies.add(strategy);
                if (count > 0) {
                    counts.add(count);
                }
            }
        }
        if (keys.isEmpty()) {
            out.println(rerunFlagged + " flagged no configuration as doubtful: nothing to rerun.");
            return Set.of();
        }
        for (Object o : (List<Object>) earlier.get("workloads")) {
            Map<String, Object> w = (Map<String, Object>) o;
            if (names.contains(String.valueOf(w.get("name"))) && w.get("parameterTexts") instanceof Map<?, ?> texts) {
                texts.forEach((name, text) -> params.put(w.get("name") + "." + name, String.valueOf(text)));
            }
        }
        workloads = List.copyOf(names);
        strategies = List.copyOf(chosenStrategies);
        workers = counts.isEmpty() ? List.of(1) : List.copyOf(counts);
        out.println("Rerunning the " + keys.size() + " configuration(s) that " + rerunFlagged + " flagged: " + String.join(", ", keys));
        return keys;
    }

    /** The exit code after Ctrl-C, as a shell reports a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

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
        out.println("Workloads (--workloads), with their parameters (--param WORKLOAD.NAME=VALUE) and defaults:");
        for (Workload<?> w : Workloads.all()) {
            out.printf(Locale.ROOT, "  %-14s %-9s %s%s%n", w.name(), w.kind() == Workload.Kind.SPEEDUP ? "speed-up" : "findings",
                    w.summary(), Workloads.inDefaultSuite(w) ? "" : " (by name)");
            for (Parameter p : w.parameters().all()) {
                out.printf(Locale.ROOT, "  %-14s   %-9s %s.%s=%s: %s%n", "", "", w.name(), p.name(), p.text(), p.summary());
            }
        }
        out.println();
        out.println("Strategies (--strategies):");
        for (Strategy s : Strategy.values()) {
            out.printf(Locale.ROOT, "  %-14s %s%s%n", s.cliName(), s.summary(), s.byName() ? " (by name)" : "");
        }
    }
}
