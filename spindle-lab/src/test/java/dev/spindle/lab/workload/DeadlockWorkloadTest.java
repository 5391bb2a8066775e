package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.strategy.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On every strategy that runs two tasks at once, virtual threads included: the deadlock is found
 * and described, its tasks end, the fixes finish with no deadlock found, and no thread is left
 * behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadlockWorkloadTest {

    private final DeadlockWorkload deadlock = new DeadlockWorkload(Duration.ofSeconds(10));

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"SEQUENTIAL", "PROCESSES", "ISOLATED", "CLUSTER"}, mode = EnumSource.Mode.EXCLUDE)
    void foundDescribedFixedAndNothingLeftBehind(Strategy strategy) throws Exception {
        assertEquals(List.of(), deadlock.unsupported(strategy, 2).stream().toList());
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        DeadlockWorkload.Result result;
        try (Pool pool = strategy.open(2, Gil.DEFAULT_SWITCH_INTERVAL)) {
            result = deadlock.execute(pool);
        }
        Verdict verdict = deadlock.verify(result);
        assertTrue(verdict.passed(), strategy.cliName() + ": " + verdict.summary());
        assertTrue(result.exited() && result.locksFree(), strategy.cliName());
        assertTrue(result.ordered().worked() && result.tryLock().worked(), strategy.cliName());
        List<String> cycle = result.detection().cycle();
        String thread = (strategy == Strategy.TASKGROUP ? "taskgroup-\\d+-\\d+" : "spindle-" + strategy.cliName() + "-.+") + " \\(#\\d+\\)";
        assertEquals(2, cycle.size(), strategy.cliName() + ": " + cycle);
        assertTrue(cycle.get(0).matches(thread + " holds lock-A, waits for lock-B held by " + thread), cycle.get(0));
        assertTrue(cycle.get(1).matches(thread + " holds lock-B, waits for lock-A held by " + thread), cycle.get(1));
        // Platform workers must have ended; virtual ones are not listed here, but the workload
        // saw both deadlocked tasks exit, and closing the pool waited for the rest.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("spindle-")) {
                t.join(Duration.ofSeconds(30));
                assertFalse(t.isAlive(), strategy.cliName() + " left " + t + " running");
            }
        }
    }

    @Test
    void skippedWhereNoTwoTasksRunAtOnceOrTheyShareNoLocks() {
        String reason = "a deadlock needs two tasks running at once (2 or more workers)";
        assertEquals(reason, deadlock.unsupported(Strategy.SEQUENTIAL, 4).orElseThrow());
        assertEquals(reason, deadlock.unsupported(Strategy.THREADS, 1).orElseThrow());
        for (Strategy strategy : List.of(Strategy.THREADS, Strategy.VIRTUAL, Strategy.FORKJOIN, Strategy.GIL)) {
            assertTrue(deadlock.unsupported(strategy, 2).isEmpty(), strategy.cliName());
        }
        assertEquals("the tasks deadlock on locks of one JVM, which worker JVMs do not share",
                deadlock.unsupported(Strategy.PROCESSES, 2).orElseThrow());
    }

    @Test
    void anUndetectedOrUncleanRunFails() {
        List<String> crossing = List.of("t1 (#1) holds lock-A, waits for lock-B held by t2 (#2)",
                "t2 (#2) holds lock-B, waits for lock-A held by t1 (#1)");
        DeadlockWorkload.Detection found = new DeadlockWorkload.Detection(true, 1_000_000, crossing);
        DeadlockWorkload.Fix worked = new DeadlockWorkload.Fix(true, List.of());
        assertTrue(deadlock.verify(new DeadlockWorkload.Result(found, true, true, worked, worked, 1)).passed());

        DeadlockWorkload.Detection missed = new DeadlockWorkload.Detection(false, 10_000_000_000L, List.of());
        assertEquals("no deadlock detected: watched for 10000.0 ms (at most 10000)",
                deadlock.verify(new DeadlockWorkload.Result(missed, true, true, worked, worked, 1)).summary());
        DeadlockWorkload.Detection half = new DeadlockWorkload.Detection(true, 1_000_000, crossing.subList(0, 1));
        assertEquals("cycle not described as two threads crossing lock-A and lock-B: " + crossing.subList(0, 1),
                deadlock.verify(new DeadlockWorkload.Result(half, true, true, worked, worked, 1)).summary());
        assertEquals("deadlocked tasks did not exit after the interrupt",
                deadlock.verify(new DeadlockWorkload.Result(found, false, true, worked, worked, 1)).summary());
        assertEquals("a lock was left held",
                deadlock.verify(new DeadlockWorkload.Result(found, true, false, worked, worked, 1)).summary());

        DeadlockWorkload.Fix stuck = new DeadlockWorkload.Fix(false, List.of());
        assertEquals("lock ordering did not finish",
                deadlock.verify(new DeadlockWorkload.Result(found, true, true, stuck, worked, 1)).summary());
        assertEquals("timed tryLock did not finish",
                deadlock.verify(new DeadlockWorkload.Result(found, true, true, worked, stuck, 1)).summary());
        DeadlockWorkload.Fix deadlocked = new DeadlockWorkload.Fix(false, crossing);
        assertEquals("lock ordering deadlocked: " + String.join("; ", crossing),
                deadlock.verify(new DeadlockWorkload.Result(found, true, true, deadlocked, worked, 1)).summary());
        DeadlockWorkload.Fix finishedYetDeadlocked = new DeadlockWorkload.Fix(true, crossing);
        assertFalse(finishedYetDeadlocked.worked());
        assertFalse(deadlock.verify(new DeadlockWorkload.Result(found, true, true, worked, finishedYetDeadlocked, 1)).passed());
    }
}
