package dev.spindle.lab;

import dev.spindle.lab.report.JsonReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: exit codes and messages, above all for bad input. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpindleCliTest {

    private record Outcome(int exit, String out, String err) {}

    private static Outcome spindle(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SpindleCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private static void usageError(String expected, String... args) {
        Outcome o = spindle(args);
        assertEquals(SpindleCli.USAGE_ERROR, o.exit(), String.join(" ", args) + "\n" + o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in:\n" + o.err());
        assertTrue(o.out().isEmpty(), "nothing ran: " + o.out());
    }

    @Test
    void unknownNamesAreNamedWithTheValidOnes() {
        usageError("unknown workload 'nope'; valid: pi, primes, squares, fib, fib-recursive, mandelbrot, race, deadlock, fetch, sleep-fanout, pipeline",
                "lab", "--workloads", "pi,nope");
        usageError("unknown strategy 'gill'; valid: sequential, threads, virtual, taskgroup, forkjoin, gil, processes, isolated, cluster", "lab", "--strategies", "gill");
    }

    @Test
    void reportPathsThatCannotBeWrittenAreRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        usageError("cannot write the HTML report to " + file.resolve("report.html") + ": its directory cannot be created",
                "lab", "-w", "pi", "--no-json", "--html", file.resolve("report.html").toString());
        usageError("cannot write the JSON report to " + dir + ": it is a directory", "lab", "-w", "pi", "--json", dir.toString());
        usageError("--html and --no-html exclude each other", "lab", "--html", "x.html", "--no-html");
    }

    @Test
    void aSavedReportIsDrawnAgainOrRefusedWithTheReason(@TempDir Path dir) throws Exception {
        usageError("no such file: " + dir.resolve("missing.json"), "report", dir.resolve("missing.json").toString());
        Path old = Files.writeString(dir.resolve("old.json"), "{\"schema\": \"spindle-lab/0\"}");
        usageError(old + " has schema 'spindle-lab/0'; this lab reads spindle-lab/1, spindle-lab/2", "report", old.toString());
    }

    @Test
    void rerunFlaggedRunsOnlyTheDoubtfulConfigurationsWithTheirBaseline(@TempDir Path dir) throws Exception {
        Path earlier = Files.writeString(dir.resolve("earlier.json"), """
                {"schema": "spindle-lab/3", "startedAt": "2026-01-02T03:04:05Z",
                 "workloads": [{"name": "pi", "kind": "speedup", "parameterTexts": {"points": "200000", "tasks": "8"}}],
                 "results": [
                   {"workload": "pi", "strategy": "sequential", "workers": 1, "status": "ok", "noise": {"flagged": false}},
                   {"workload": "pi", "strategy": "threads", "workers": 2, "status": "ok", "noise": {"flagged": true, "reason": "busy"}},
                   {"workload": "pi", "strategy": "virtual", "workers": 2, "status": "ok", "noise": {"flagged": false}}]}
                """);
        Path json = dir.resolve("again.json");
        Outcome o = spindle("lab", "--rerun-flagged", earlier.toString(), "--warmups", "0", "-r", "1", "--json", json.toString(), "--no-html");
        assertEquals(0, o.exit(), o.err() + o.out());
        assertTrue(o.out().contains("Rerunning the 1 configuration(s) that " + earlier + " flagged: pi/threads/2"), o.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) JsonReport.read(json).get("results");
        assertEquals(List.of("sequential/1", "threads/2"), results.stream().map(r -> r.get("strategy") + "/" + r.get("workers")).toList(),
                "the baseline and the flagged configuration");
        assertTrue(Files.readString(json).contains("\"points\": 200000"), "the earlier run's parameters");

        Path quiet = Files.writeString(dir.resolve("quiet.json"), "{\"schema\": \"spindle-lab/3\", \"results\": []}");
        Outcome none = spindle("lab", "--rerun-flagged", quiet.toString());
        assertEquals(0, none.exit());
        assertTrue(none.out().contains("flagged no configuration as doubtful: nothing to rerun."), none.out());
        usageError("--rerun-flagged chooses the configurations and parameters itself; leave out --workloads",
                "lab", "--rerun-flagged", quiet.toString(), "-w", "pi");
    }

    @Test
    void jfrRecordsTheRunWithSpindlesTaskEvents(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("run.jfr");
        Outcome o = spindle("lab", "-w", "pi", "-s", "threads", "-n", "2", "--warmups", "0", "-r", "1", "--param", "pi.points=100000",
                "--no-json", "--no-html", "--jfr", jfr.toString());
        assertEquals(0, o.exit(), o.err() + o.out());
        assertTrue(o.out().contains("Flight recording: " + jfr), o.out());
        java.util.Set<String> pools = jdk.jfr.consumer.RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("dev.spindle.TaskFinished"))
                .map(e -> e.getString("pool")).collect(java.util.stream.Collectors.toSet());
        assertTrue(pools.contains("threads(2)"), "the threads pool's tasks are in the recording: " + pools);
    }

    @Test
    void isolatedWorkersRunTheWorkloadsThatFitThemAndSkipTheOthers(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("isolated.json");
        Outcome o = spindle("lab", "-w", "static-random,pi,race", "-s", "threads,isolated", "-n", "2", "--warmups", "0", "-r", "1",
                "--param", "static-random.points=200000", "--param", "pi.points=200000", "--param", "race.increments=1000",
                "--json", json.toString(), "--no-html");
        assertEquals(0, o.exit(), o.err() + o.out());
        assertTrue(o.out().contains("race          isolated"), o.out());
        assertTrue(o.out().contains("skipped: race shares objects with its tasks, and isolated tasks are copies"), o.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) JsonReport.read(json).get("results");
        assertEquals(List.of("ok", "ok"), results.stream()
                .filter(r -> "isolated".equals(r.get("strategy")) && !"race".equals(r.get("workload")))
                .map(r -> r.get("status")).toList(), "static-random and pi ran, verified, on isolated workers");
    }

    @Test
    void aClusterOfTwoMembersRunsTheSweepAndLeavesNoMemberBehind(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("cluster.json");
        Outcome o = spindle("lab", "-w", "sweep,race", "-s", "cluster", "-n", "2", "--warmups", "0", "-r", "1",
                "--param", "sweep.samples=2000", "--param", "race.increments=1000", "--json", json.toString(), "--no-html");
        assertEquals(0, o.exit(), o.err() + o.out());
        assertTrue(o.out().contains("skipped: race shares objects with its tasks, and cluster tasks are copies"), o.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) JsonReport.read(json).get("results");
        assertEquals(List.of("ok"), results.stream().filter(r -> "cluster".equals(r.get("strategy")) && "sweep".equals(r.get("workload")))
                .map(r -> r.get("status")).toList(), "the sweep ran, verified against the sequential run, on two members");
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("dev.spindle.cluster.Member")).toList(),
                "the second member was stopped with its pool");
    }

    @Test
    void isolatedIsAStrategyByNameLeftOutOfTheDefaultSuite() {
        Outcome o = spindle("lab", "--list");
        assertTrue(o.out().contains("(Pool.isolated) (by name)"), o.out());
    }

    @Test
    void countsBelowOneAreRefused() {
        usageError("must be at least 1, was 0", "lab", "--workers", "1,0");
        usageError("must be at least 1, was -2", "lab", "--workers=-2");
        usageError("'two' is not a whole number", "lab", "--workers", "two");
        usageError("must be at least 1, was 0", "lab", "--repeats", "0");
        usageError("must be 0 or more, was -1", "lab", "--warmups=-1");
    }

    @Test
    void badWorkloadParametersAreRefusedWithTheValue() {
        usageError("fetch.requests must be between 1 and 10000000, was -5", "lab", "--param", "fetch.requests=-5");
        usageError("fetch.delay must be a duration such as 100ms, 500us or 1s, was 'later'", "lab", "-p", "fetch.delay=later");
        usageError("pi has no parameter 'size'; its parameters: points, tasks", "lab", "--param", "pi.size=3");
        usageError("pi needs tasks >= 1 and trials >= tasks, was trials=10, tasks=64", "lab", "--param", "pi.points=10");
    }

    @Test
    void listShowsEveryParameterWithItsDefault() {
        Outcome o = spindle("lab", "--list");
        assertEquals(0, o.exit());
        assertTrue(o.out().contains("fetch.requests=16: how many requests"), o.out());
        assertTrue(o.out().contains("fetch.delay=5ms"), o.out());
        assertTrue(o.out().contains("(by name)"), o.out());
        assertTrue(o.out().contains("taskgroup"), o.out());
    }

    @Test
    void badSwitchIntervalsAreRefused() {
        usageError("was '0'", "lab", "--switch-interval", "0");
        usageError("'-5ms' is not a duration", "lab", "--switch-interval=-5ms");
        usageError("'fast' is not a duration", "lab", "--switch-interval", "fast");
        usageError("at most 1 minute, was '2000s'", "lab", "--switch-interval", "2000s");
    }

    @Test
    void aMissingCommandOrUnknownExampleIsAUsageError() {
        usageError("Missing required subcommand");
        usageError("unknown example 'no-such-example'", "example", "no-such-example");
        usageError("--json and --no-json exclude each other", "lab", "--json", "x.json", "--no-json");
    }

    @Test
    void listNamesEveryWorkloadAndStrategy() {
        Outcome o = spindle("lab", "--list");
        assertEquals(0, o.exit(), o.err());
        for (String name : new String[] {"pi", "primes", "squares", "fib", "fib-recursive", "mandelbrot", "race", "deadlock",
                "sequential", "threads", "virtual", "forkjoin", "gil"}) {
            assertTrue(o.out().contains("\n  " + name + " "), name + " missing from:\n" + o.out());
        }
    }

    @Test
    void aSmallRunPrintsTheTableAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("lab.json");
        Outcome o = spindle("lab", "--workloads", "fib-recursive", "--strategies", "forkjoin,threads", "--workers", "2",
                "--warmups", "0", "--repeats", "1", "--switch-interval", "1ms", "--json", json.toString(), "--no-html");
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("fib-recursive sequential"), o.out());
        assertTrue(o.out().contains("skipped: recursive submit + join would starve"), o.out());
        assertTrue(o.out().contains("All 2 measured configurations verified"), o.out());
        assertTrue(Files.readString(json).contains("\"schema\": \"spindle-lab/3\""));
    }

    @Test
    void exampleListsTheExamples() {
        Outcome o = spindle("example");
        assertEquals(0, o.exit(), o.err());
        assertTrue(!o.out().isBlank());
    }
}
