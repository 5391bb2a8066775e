package dev.spindle.lab.report;

import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.harness.Environment;
import dev.spindle.lab.harness.LabReport;
import dev.spindle.lab.harness.StartUp;
import dev.spindle.lab.harness.Plan;
import dev.spindle.lab.harness.Row;
import dev.spindle.lab.harness.Stats;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.workload.PiWorkload;
import dev.spindle.lab.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON report parses and holds the fields docs/LAB.md documents; the table lines up. */
class JsonReportTest {

    private static LabReport report() {
        Workload<?> pi = new PiWorkload(1000, 4);
        Plan plan = new Plan(List.of(pi), List.of(Strategy.THREADS), List.of(2), 1, 2, Gil.DEFAULT_SWITCH_INTERVAL);
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("estimate", 3.14);
        findings.put("cycle", List.of("a \"quoted\" line", "tab\there"));
        findings.put("nan", Double.NaN);
        Row baseline = new Row("pi", Workload.Kind.SPEEDUP, Strategy.SEQUENTIAL, 1, Row.Status.OK,
                Stats.of(4_000_000, 4_200_000), 1.0, "pi ~ 3.14", findings);
        Row threads = new Row("pi", Workload.Kind.SPEEDUP, Strategy.THREADS, 2, Row.Status.OK,
                Stats.of(2_000_000, 2_200_000), 4_100_000 / 2_100_000.0, "pi ~ 3.14", findings);
        Row skipped = new Row("pi", Workload.Kind.SPEEDUP, Strategy.VIRTUAL, 2, Row.Status.SKIPPED, null, Double.NaN,
                "skipped: because", Map.of());
        Row failed = new Row("pi", Workload.Kind.SPEEDUP, Strategy.GIL, 2, Row.Status.FAILED, null, Double.NaN,
                "run 1: wrong", Map.of());
        return new LabReport(Environment.current(), plan, Instant.parse("2026-01-02T03:04:05Z"), Duration.ofMillis(1500),
                List.of(baseline, threads, skipped, failed),
                List.of(new StartUp(Strategy.THREADS, Stats.of(1_000_000, 2_000_000, 3_000_000), null),
                        new StartUp(Strategy.PROCESSES, null, "WorkerStartException: no")), false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesTheDocumentedSchema(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/out.json");
        JsonReport.write(report(), file);
        Map<String, Object> root = JsonReport.read(file); // the lab's own reader: a round trip
        assertEquals(JsonReport.SCHEMA, root.get("schema"));
        assertEquals("2026-01-02T03:04:05Z", root.get("startedAt"));
        assertEquals(1.5, root.get("durationSeconds"));
        assertEquals(1L, root.get("failures"));
        Map<String, Object> env = (Map<String, Object>) root.get("environment");
        assertEquals(List.of("jdkVersion", "jdkVendor", "vmName", "cores", "gcs", "maxHeapBytes", "os"), List.copyOf(env.keySet()));
        assertEquals((long) Runtime.getRuntime().availableProcessors(), env.get("cores"));
        Map<String, Object> settings = (Map<String, Object>) root.get("settings");
        assertEquals(List.of("pi"), settings.get("workloads"));
        assertEquals(List.of("threads"), settings.get("strategies"));
        assertEquals(5.0, settings.get("switchIntervalMillis"));
        List<Map<String, Object>> workloads = (List<Map<String, Object>>) root.get("workloads");
        assertEquals("speedup", workloads.getFirst().get("kind"));
        List<Map<String, Object>> results = (List<Map<String, Object>>) root.get("results");
        assertEquals(4, results.size());
        Map<String, Object> threads = results.get(1);
        assertEquals(List.of("workload", "kind", "strategy", "workers", "status", "timesMillis", "medianMillis", "minMillis",
                "maxMillis", "speedup", "efficiency", "check", "findings"), List.copyOf(threads.keySet()));
        assertEquals("threads", threads.get("strategy"));
        assertEquals("ok", threads.get("status"));
        assertEquals(List.of(2.0, 2.2), threads.get("timesMillis"));
        assertEquals(2.1, (Double) threads.get("medianMillis"), 1e-9);
        assertEquals(2.0, threads.get("minMillis"));
        assertEquals(4.1 / 2.1, (Double) threads.get("speedup"), 1e-9);
        assertEquals(4.1 / 2.1 / 2, (Double) threads.get("efficiency"), 1e-9);
        Map<String, Object> findings = (Map<String, Object>) threads.get("findings");
        assertEquals(List.of("a \"quoted\" line", "tab\there"), findings.get("cycle"));
        assertNull(findings.get("nan"), "non-finite numbers become null");
        Map<String, Object> skipped = results.get(2);
        assertEquals("skipped", skipped.get("status"));
        assertNull(skipped.get("medianMillis"));
        assertNull(skipped.get("speedup"));
        assertEquals(List.of(), skipped.get("timesMillis"));
        assertEquals("failed", results.get(3).get("status"));
        List<Map<String, Object>> startUp = (List<Map<String, Object>>) root.get("startUp");
        assertEquals("threads", startUp.get(0).get("strategy"));
        assertEquals(2.0, startUp.get(0).get("medianMillis"));
        assertEquals("WorkerStartException: no", startUp.get(1).get("failure"));
        assertTrue(Table.startUps(report()).contains("  processes  FAILED: WorkerStartException: no"));
    }

    @Test
    void tableLinesShareTheHeadersColumns() {
        String header = Table.header().lines().findFirst().orElseThrow();
        int notes = header.indexOf("notes");
        for (Row row : report().rows()) {
            String line = Table.line(row);
            assertEquals(' ', line.charAt(notes - 1), line);
            assertTrue(line.substring(notes).startsWith(row.check()), line);
        }
        assertTrue(Table.line(report().rows().get(3)).contains("FAILED"));
        assertTrue(Table.footer(report()).contains("1 of 3 configurations FAILED"), Table.footer(report()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsAnOlderSchemaAndNamesTheVersionsItReads(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.json");
        Files.writeString(old, """
                {"schema": "spindle-lab/1", "startedAt": "2026-01-02T03:04:05Z", "durationSeconds": 1.5,
                 "workloads": [{"name": "pi", "kind": "speedup", "summary": "pi"}],
                 "results": [{"workload": "pi", "strategy": "sequential", "workers": 1, "status": "ok", "medianMillis": 2.5}]}
                """);
        Map<String, Object> tree = JsonReport.read(old);
        assertEquals(false, tree.get("interrupted"), "version 1 had no interrupted field");
        assertEquals(Map.of(), ((List<Map<String, Object>>) tree.get("workloads")).getFirst().get("parameters"));
        assertEquals(2.5, ((List<Map<String, Object>>) tree.get("results")).getFirst().get("medianMillis"));

        Path future = dir.resolve("future.json");
        Files.writeString(future, "{\"schema\": \"spindle-lab/9\"}");
        assertEquals(future + " has schema 'spindle-lab/9'; this lab reads " + String.join(", ", JsonReport.READABLE),
                assertThrows(IllegalArgumentException.class, () -> JsonReport.read(future)).getMessage());

        Path notAReport = dir.resolve("other.json");
        Files.writeString(notAReport, "[1, 2]");
        assertEquals(notAReport + " is not a lab report: it has no \"schema\" field",
                assertThrows(IllegalArgumentException.class, () -> JsonReport.read(notAReport)).getMessage());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"schema\": \"spindle-lab/2\",\n \"results\": [1, }");
        assertEquals(broken + " is not valid JSON at line 2, column 17: expected a value",
                assertThrows(IllegalArgumentException.class, () -> JsonReport.read(broken)).getMessage());
    }
}
