package dev.spindle.lab.report;

import dev.spindle.lab.advice.Advisor;
import dev.spindle.lab.harness.LabReport;
import dev.spindle.lab.harness.Noise;
import dev.spindle.lab.harness.Plan;
import dev.spindle.lab.harness.Row;
import dev.spindle.lab.harness.Stats;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.trace.Timeline;
import dev.spindle.lab.workload.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lab's JSON report; its schema ({@value #SCHEMA}) is documented in {@code docs/LAB.md}. Times
 * are in milliseconds; a figure that has no value (speed-up of a findings workload, times of a
 * skipped row) is {@code null}.
 */
public final class JsonReport {

    /** The schema's name and version, written as the {@code schema} field. */
    public static final String SCHEMA = "spindle-lab/3";

    private JsonReport() {}

    /** The report as a tree of maps and lists, ready for {@link Json#write}. */
    public static Map<String, Object> tree(LabReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("startedAt", report.startedAt().toString());
        root.put("durationSeconds", report.took().toNanos() / 1e9);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("jdkVersion", report.environment().jdkVersion());
        env.put("jdkVendor", report.environment().jdkVendor());
        env.put("vmName", report.environment().vmName());
        env.put("cores", report.environment().cores());
        env.put("gcs", report.environment().gcs());
        env.put("maxHeapBytes", report.environment().maxHeapBytes());
        env.put("os", report.environment().os());
        root.put("environment", env);
        Plan plan = report.plan();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("workloads", plan.workloads().stream().map(Workload::name).toList());
        settings.put("strategies", plan.strategies().stream().map(Strategy::cliName).toList());
        settings.put("workers", plan.workers());
        settings.put("warmups", plan.warmups());
        settings.put("repeats", plan.repeats());
        settings.put("switchIntervalMillis", plan.switchInterval().toNanos() / 1e6);
        root.put("settings", settings);
        root.put("workloads", plan.workloads().stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", w.name());
            m.put("kind", w.kind().name().toLowerCase(Locale.ROOT));
            m.put("summary", w.summary());
            m.put("parameters", w.parameters().numbers());
            Map<String, Object> texts = new LinkedHashMap<>();
            w.parameters().all().forEach(p -> texts.put(p.name(), p.text()));
            m.put("parameterTexts", texts); // as --param takes them, for --rerun-flagged
            return m;
        }).toList());
        root.put("interrupted", report.interrupted());
        root.put("failures", report.failures().size());
        root.put("flagged", report.rows().stream().filter(Row::flagged).count());
        root.put("results", report.rows().stream().map(JsonReport::row).toList());
        root.put("advice", Advisor.advise(report).stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", a.workload());
            m.put("recommendation", a.recommendation());
            m.put("why", a.why());
            m.put("warnings", a.warnings());
            return m;
        }).toList());
        root.put("timelines", timelines(report));
        root.put("startUp", report.startUps().stream().map(startUp -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strategy", startUp.strategy().cliName());
            m.put("workers", 2);
            if (startUp.stats() == null) {
                m.put("failure", startUp.failure());
            } else {
                m.put("medianMillis", startUp.stats().median() / 1e6);
                m.put("minMillis", startUp.stats().min() / 1e6);
                m.put("maxMillis", startUp.stats().max() / 1e6);
            }
            return m;
        }).toList());
        return root;
    }

    /** Tasks drawn per embedded timeline: enough to see the pattern, few enough for a light page. */
    static final int TIMELINE_TASKS = 400;

    /**
     * One representative timeline per workload and strategy, for the HTML report: that of the
     * configuration with the most workers. The full timelines go to {@code --trace}.
     */
    private static List<Map<String, Object>> timelines(LabReport report) {
        Map<String, Row> chosen = new LinkedHashMap<>();
        for (Row row : report.rows()) {
            if (row.timeline() != null && row.status() == Row.Status.OK && !row.timeline().spans().isEmpty()) {
                chosen.merge(row.workload() + "/" + row.strategy().cliName(), row, (a, b) -> b.workers() > a.workers() ? b : a);
            }
        }
        return chosen.values().stream().map(row -> {
            Timeline t = row.timeline();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", row.workload());
            m.put("strategy", row.strategy().cliName());
            m.put("workers", row.workers());
            m.put("tasks", t.spans().stream().limit(TIMELINE_TASKS).map(s -> {
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("worker", s.worker());
                task.put("startMillis", s.startNanos() / 1e6);
                task.put("endMillis", s.endNanos() / 1e6);
                return task;
            }).toList());
            m.put("tasksLeftOut", Math.max(0, t.spans().size() - TIMELINE_TASKS) + t.dropped());
            m.put("handovers", t.handOvers().stream().limit(10 * TIMELINE_TASKS).map(h -> {
                Map<String, Object> handOver = new LinkedHashMap<>();
                handOver.put("atMillis", h.atNanos() / 1e6);
                handOver.put("to", h.to());
                return handOver;
            }).toList());
            return m;
        }).toList();
    }

    private static Map<String, Object> row(Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", row.workload());
        m.put("kind", row.kind().name().toLowerCase(Locale.ROOT));
        m.put("strategy", row.strategy().cliName());
        m.put("workers", row.workers());
        m.put("status", row.status().name().toLowerCase(Locale.ROOT));
        Stats stats = row.stats();
        m.put("timesMillis", stats == null ? List.of() : stats.samples().stream().map(n -> n / 1e6).toList());
        m.put("medianMillis", stats == null ? null : stats.median() / 1e6);
        m.put("minMillis", stats == null ? null : stats.min() / 1e6);
        m.put("maxMillis", stats == null ? null : stats.max() / 1e6);
        m.put("speedup", row.speedupValue().isPresent() ? row.speedupValue().getAsDouble() : null);
        m.put("efficiency", row.efficiency().isPresent() ? row.efficiency().getAsDouble() : null);
        m.put("check", row.check());
        m.put("findings", row.findings());
        Noise noise = row.noise();
        if (noise != null) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("loadBefore", noise.loadBefore() < 0 ? null : noise.loadBefore());
            n.put("loadAfter", noise.loadAfter() < 0 ? null : noise.loadAfter());
            n.put("othersCpu", noise.othersCpu());
            n.put("spread", noise.spread());
            n.put("deviation", noise.deviation());
            n.put("flagged", noise.flagged());
            n.put("reason", noise.reason());
            m.put("noise", n);
        }
        return m;
    }

    /** The schemas {@link #read} accepts, oldest first. */
    public static final List<String> READABLE = List.of("spindle-lab/1", "spindle-lab/2", SCHEMA);

    /**
     * Reads a saved report, of this schema or an older one, as a tree in this schema's shape:
     * fields that an older version did not have are given their neutral value (version 1 had no
     * {@code parameters} and no {@code interrupted}; versions 1 and 2 no {@code noise}, which
     * stays absent, and no {@code flagged} count).
     *
     * @throws IllegalArgumentException if the file is not JSON, not a lab report, or of a schema
     *                                  this lab does not know, naming the versions it reads
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        Object parsed;
        try {
            parsed = JsonReader.read(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> map) || !(map.get("schema") instanceof String schema)) {
            throw new IllegalArgumentException(file + " is not a lab report: it has no \"schema\" field");
        }
        if (!READABLE.contains(schema)) {
            throw new IllegalArgumentException(file + " has schema '" + schema + "'; this lab reads " + String.join(", ", READABLE));
        }
        Map<String, Object> tree = (Map<String, Object>) map;
        tree.putIfAbsent("interrupted", false);
        tree.putIfAbsent("flagged", 0L);
        tree.putIfAbsent("timelines", List.of());
        tree.putIfAbsent("advice", List.of());
        tree.putIfAbsent("results", List.of());
        tree.putIfAbsent("startUp", List.of());
        tree.putIfAbsent("workloads", List.of());
        for (Object w : (List<Object>) tree.get("workloads")) {
            if (w instanceof Map<?, ?> workload) {
                ((Map<String, Object>) workload).putIfAbsent("parameters", Map.of());
            }
        }
        return tree;
    }

    /** Writes the report to {@code path}, creating its directory. */
    public static void write(LabReport report, Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, Json.write(tree(report)));
    }
}
