package dev.spindle.lab.advice;

import dev.spindle.lab.harness.Noise;
import dev.spindle.lab.harness.Row;
import dev.spindle.lab.harness.Stats;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.trace.Timeline;
import dev.spindle.lab.workload.MemoryBoundWorkload;
import dev.spindle.lab.workload.Workload;
import dev.spindle.lab.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The advisor on made-up figures: what it recommends, and the numbers it cites. */
class AdvisorTest {

    private static final Workload<?> PI = Workloads.named("pi").orElseThrow();
    private static final Workload<?> FETCH = Workloads.named("fetch").orElseThrow();

    private static Row row(Workload<?> w, Strategy s, int workers, double millis, double baselineMillis) {
        return row(w, s, workers, millis, baselineMillis, null, null);
    }

    private static Row row(Workload<?> w, Strategy s, int workers, double millis, double baselineMillis, Noise noise, Timeline timeline) {
        return new Row(w.name(), w.kind(), s, workers, Row.Status.OK, Stats.of((long) (millis * 1e6)), baselineMillis / millis, "ok",
                Map.of(), noise, timeline);
    }

    @Test
    void cpuBoundWorkGoesToThreadsAndTheGilAndWorkerJvmsAreExplainedWithTheirFigures() {
        List<Row> rows = List.of(row(PI, Strategy.SEQUENTIAL, 1, 100, 100), row(PI, Strategy.THREADS, 2, 52, 100),
                row(PI, Strategy.FORKJOIN, 2, 51, 100), row(PI, Strategy.GIL, 2, 98, 100), row(PI, Strategy.PROCESSES, 2, 80, 100));
        Advisor.Advice advice = Advisor.advise(PI, rows.getFirst(), rows);
        assertEquals("use threads with 2 workers", advice.recommendation(), "forkjoin's 1.96x ties with threads' 1.92x: the simpler wins");
        assertEquals("CPU-bound, so it needs threads that compute at once: 52.0 ms against 100.0 ms sequentially, a speed-up of 1.92x"
                + " (efficiency 0.96). Under the emulated GIL the best was 1.02x: one thread computes at a time, as in CPython with its GIL."
                + " Worker JVMs reached 1.25x: every task's inputs and results cross a process boundary, which at this size costs more"
                + " than the isolation is worth.", advice.why());
        assertEquals(List.of(), advice.warnings());
    }

    @Test
    void ioBoundWorkSaysThatWaitsOverlapEvenUnderTheGil() {
        List<Row> rows = List.of(row(FETCH, Strategy.SEQUENTIAL, 1, 160, 160), row(FETCH, Strategy.VIRTUAL, 4, 41, 160),
                row(FETCH, Strategy.GIL, 4, 42, 160));
        Advisor.Advice advice = Advisor.advise(FETCH, rows.getFirst(), rows);
        assertEquals("use virtual with 4 workers", advice.recommendation());
        assertTrue(advice.why().startsWith("I/O-bound, so it needs waits that overlap: 41.0 ms against 160.0 ms"), advice.why());
        assertTrue(advice.why().contains("Under the emulated GIL the best was 3.81x: the waits overlap even there"), advice.why());
    }

    @Test
    void whenNothingHelpsItSaysStaySequential() {
        List<Row> rows = List.of(row(PI, Strategy.SEQUENTIAL, 1, 10, 10), row(PI, Strategy.THREADS, 2, 9.8, 10));
        Advisor.Advice advice = Advisor.advise(PI, rows.getFirst(), rows);
        assertEquals("stay sequential", advice.recommendation());
        assertTrue(advice.why().startsWith("no strategy beat the sequential run's 10.0 ms by more than 10% (the best: 1.02x)"), advice.why());
    }

    @Test
    void itWarnsOfTinyTasksDoubtfulFiguresAndSuperlinearSpeedUps() {
        Timeline tiny = new Timeline(List.of(new Timeline.Span("w-0", 1, 0, 40_000, false), new Timeline.Span("w-1", 2, 0, 60_000, false)),
                List.of(), 0, Map.of());
        List<Row> rows = List.of(row(PI, Strategy.SEQUENTIAL, 1, 100, 100, Noise.judge(0.1, 0.2, 0.4, 0.05, 0.01), null),
                row(PI, Strategy.THREADS, 2, 30, 100), row(PI, Strategy.VIRTUAL, 4, 80, 100, null, tiny));
        List<String> warnings = Advisor.advise(PI, rows.getFirst(), rows).warnings();
        assertEquals(List.of(
                "the figures of sequential are doubtful (other processes used 40% of the machine's CPU): rerun it with --rerun-flagged"
                        + " before trusting this advice",
                "an efficiency of 1.67, above 1, means the sequential run was slow for another reason (the JIT, the garbage collector,"
                        + " a busy machine) rather than that threads with 2 workers is magic: rerun before trusting it",
                "on virtual with 4 workers a task lasted 50 us on average and the efficiency is 0.31: per-task overhead dominates;"
                        + " batch the inputs (map's chunking, or a larger chunk)"), warnings);
    }

    @Test
    void workerJvmsAreToldWithTheBytesATaskCarries() {
        Workload<?> norm = new MemoryBoundWorkload(MemoryBoundWorkload.Computation.NORM, 1 << 21, 2, true);
        List<Row> rows = List.of(row(norm, Strategy.SEQUENTIAL, 1, 10, 10), row(norm, Strategy.THREADS, 2, 7, 10),
                row(norm, Strategy.PROCESSES, 2, 40, 10));
        String why = Advisor.advise(norm, rows.getFirst(), rows).why();
        assertTrue(why.contains("Worker JVMs reached 0.25x: every task's inputs and results cross a process boundary (8.4 MB a task here)"), why);
        assertTrue(why.contains("At 2 workers the efficiency is"), why);
    }
}
