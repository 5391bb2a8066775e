package dev.spindle.lab.harness;

import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.Pool;
import dev.spindle.lab.workload.Verdict;
import dev.spindle.lab.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the harness runs and reports; never how fast. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HarnessTest {

    private static LabReport run(List<Workload<?>> workloads, List<Strategy> strategies, List<Integer> workers,
                                 int warmups, int repeats, List<Row> streamed) {
        Plan plan = new Plan(workloads, strategies, workers, warmups, repeats, Gil.DEFAULT_SWITCH_INTERVAL);
        return new Harness(plan, streamed::add, Duration.ZERO).run(Environment.current());
    }

    @Test
    void everyConfigurationOnceWithTheBaselineFirst() {
        FakeWorkload fake = FakeWorkload.correct();
        List<Row> streamed = new ArrayList<>();
        LabReport report = run(List.of(fake), List.of(Strategy.THREADS, Strategy.GIL), List.of(1, 2), 1, 3, streamed);
        assertEquals(streamed, report.rows(), "rows are streamed as measured, in order");
        assertEquals(List.of("sequential/1", "threads/1", "threads/2", "gil/1", "gil/2"),
                report.rows().stream().map(r -> r.strategy().cliName() + "/" + r.workers()).toList());
        assertEquals(1 + 5 * (1 + 3), fake.runs().get(), "one priming run, then warm-ups and repeats of every configuration");
        for (Row row : report.rows()) {
            assertEquals(Row.Status.OK, row.status());
            assertEquals(3, row.stats().samples().size(), "only measured runs are kept");
            assertTrue(row.speedupValue().isPresent());
            assertEquals(row.speedup() / row.workers(), row.efficiency().orElseThrow(), 1e-12);
            assertEquals("sum = 4950", row.check());
        }
        assertEquals(1.0, report.rows().getFirst().speedup(), 1e-12, "the baseline against itself");
        assertTrue(report.failures().isEmpty());
        assertFalse(Gil.installed(), "every gil pool closed");
    }

    @Test
    void aWrongResultFailsTheConfigurationLoudlyEvenInAWarmup() {
        // Run 1 primes the JIT (unmeasured, unreported); run 2 is the baseline's first warm-up.
        LabReport report = run(List.of(FakeWorkload.wrongOnRun(2)), List.of(Strategy.THREADS), List.of(2), 1, 2, new ArrayList<>());
        Row baseline = report.rows().getFirst();
        assertEquals(Row.Status.FAILED, baseline.status());
        assertTrue(baseline.check().startsWith("warm-up 1: sum 4951"), baseline.check());
        assertNull(baseline.stats());
        assertEquals(4951, baseline.findings().get("sum"));
        assertEquals(Row.Status.OK, report.rows().get(1).status());
        assertTrue(report.rows().get(1).speedupValue().isEmpty(), "no speed-up without a verified baseline");
        assertEquals(List.of(baseline), report.failures());
    }

    @Test
    void aThrowingWorkloadFailsWithItsRootCause() {
        LabReport report = run(List.of(FakeWorkload.failing()), List.of(Strategy.FORKJOIN), List.of(2), 0, 1, new ArrayList<>());
        for (Row row : report.rows()) {
            assertEquals(Row.Status.FAILED, row.status());
            assertEquals("threw IllegalStateException: element fifty", row.check());
        }
    }

    @Test
    void anUnsupportedConfigurationIsSkippedWithItsReasonAndFindingsHaveNoSpeedup() {
        LabReport report = run(List.of(FakeWorkload.refusing(Strategy.VIRTUAL)), List.of(Strategy.VIRTUAL, Strategy.THREADS),
                List.of(2), 0, 1, new ArrayList<>());
        Row skipped = report.rows().get(1);
        assertEquals(Row.Status.SKIPPED, skipped.status());
        assertEquals("skipped: refuses virtual", skipped.check());
        assertNull(skipped.stats());
        Row threads = report.rows().get(2);
        assertEquals(Row.Status.OK, threads.status());
        assertTrue(threads.speedupValue().isEmpty(), "a findings workload reports no speed-up");
        assertTrue(threads.efficiency().isEmpty());
    }

    @Test
    void aTaskGroupStrategyRunsOnceWithAThreadPerTask() {
        LabReport report = run(List.of(FakeWorkload.correct()), List.of(Strategy.TASKGROUP, Strategy.THREADS), List.of(1, 2), 0, 1,
                new ArrayList<>());
        assertEquals(List.of("sequential/1", "taskgroup/0", "threads/1", "threads/2"),
                report.rows().stream().map(r -> r.strategy().cliName() + "/" + r.workers()).toList());
        Row group = report.rows().get(1);
        assertEquals(Row.Status.OK, group.status());
        assertTrue(group.speedupValue().isPresent());
        assertTrue(group.efficiency().isEmpty(), "no efficiency without a worker count");
    }

    @Test
    void stopEndsTheRunKeepsWhatWasMeasuredAndClosesThePoolUnderWay() throws Exception {
        Hanging hanging = new Hanging(new CountDownLatch(1));
        Plan plan = new Plan(List.of(FakeWorkload.correct(), hanging), List.of(Strategy.THREADS), List.of(2), 0, 1,
                Gil.DEFAULT_SWITCH_INTERVAL);
        Harness harness = new Harness(plan, row -> {}, Duration.ZERO);
        FutureTask<LabReport> running = new FutureTask<>(() -> {
            LabReport report = harness.run(Environment.current());
            assertFalse(Thread.currentThread().isInterrupted(), "run clears the interrupt that stop() sent");
            return report;
        });
        Thread runner = Thread.ofPlatform().name("harness-under-test").start(running);
        try {
            assertTrue(hanging.started().await(30, TimeUnit.SECONDS), "the hanging workload never started");
            harness.stop();
            LabReport report = running.get(30, TimeUnit.SECONDS);
            assertTrue(report.interrupted());
            assertEquals(List.of("fake", "fake"), report.rows().stream().map(Row::workload).toList(),
                    "the rows measured before the stop, none of the configuration under way");
            assertTrue(report.startUps().isEmpty(), "no start-up measurement after a stop");
        } finally {
            runner.interrupt();
            runner.join();
        }
    }

    /** A workload whose one task waits until interrupted. */
    private record Hanging(CountDownLatch started) implements Workload<Integer> {
        @Override
        public String name() {
            return "hanging";
        }

        @Override
        public String summary() {
            return "waits until interrupted";
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
        public Integer execute(Pool pool) throws Exception {
            return pool.submit(() -> {
                started.countDown();
                new CountDownLatch(1).await();
                return 0;
            }).get();
        }

        @Override
        public Verdict verify(Integer result) {
            return Verdict.pass("returned", java.util.Map.of());
        }
    }
}
