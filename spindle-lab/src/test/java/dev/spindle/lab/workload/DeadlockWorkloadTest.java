package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.gil.GilBackend;
import dev.spindle.lab.strategy.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deadlock is found and described, its tasks end, the fixes finish, and no thread is left behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadlockWorkloadTest {

    private final DeadlockWorkload deadlock = new DeadlockWorkload(Duration.ofSeconds(10));

    @Test
    void foundDescribedFixedAndNothingLeftBehind() throws Exception {
        List<Supplier<Pool>> pools = List.of(() -> Pool.threads(2), () -> Pool.forkJoin(2),
                () -> Pool.using(new GilBackend(2, Gil.DEFAULT_SWITCH_INTERVAL)));
        for (Supplier<Pool> open : pools) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            DeadlockWorkload.Result result;
            String name;
            try (Pool pool = open.get()) {
                name = pool.name();
                result = deadlock.execute(pool);
            }
            Verdict verdict = deadlock.verify(result);
            assertTrue(verdict.passed(), name + ": " + verdict.summary());
            assertTrue(result.exited() && result.locksFree(), name);
            assertEquals(2, result.detection().cycle().size(), name + ": " + result.detection().cycle());
            assertTrue(result.detection().cycle().getFirst().matches(".* holds lock-[AB], waits for lock-[AB] held by .*"),
                    result.detection().cycle().getFirst());
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (!before.contains(t) && t.getName().startsWith("spindle-")) {
                    t.join(Duration.ofSeconds(30));
                    assertFalse(t.isAlive(), name + " left " + t + " running");
                }
            }
        }
    }

    @Test
    void skippedWhereNoTwoTasksRunAtOnceOrTheDetectorIsBlind() {
        assertTrue(deadlock.unsupported(Strategy.SEQUENTIAL, 4).isPresent());
        assertTrue(deadlock.unsupported(Strategy.THREADS, 1).isPresent());
        assertTrue(deadlock.unsupported(Strategy.VIRTUAL, 4).orElseThrow().contains("virtual"));
        assertTrue(deadlock.unsupported(Strategy.GIL, 2).isEmpty());
    }

    @Test
    void anUndetectedOrUncleanRunFails() {
        DeadlockWorkload.Detection found = new DeadlockWorkload.Detection(true, 1_000_000,
                List.of("t1 (#1) holds lock-A, waits for lock-B held by t2 (#2)", "t2 (#2) holds lock-B, waits for lock-A held by t1 (#1)"));
        assertTrue(deadlock.verify(new DeadlockWorkload.Result(found, true, true, true, true, 1)).passed());
        DeadlockWorkload.Detection missed = new DeadlockWorkload.Detection(false, 10_000_000_000L, List.of());
        assertFalse(deadlock.verify(new DeadlockWorkload.Result(missed, true, true, true, true, 1)).passed());
        assertFalse(deadlock.verify(new DeadlockWorkload.Result(found, false, true, true, true, 1)).passed(), "a task left blocked");
        assertFalse(deadlock.verify(new DeadlockWorkload.Result(found, true, false, true, true, 1)).passed(), "a lock left held");
        assertFalse(deadlock.verify(new DeadlockWorkload.Result(found, true, true, false, true, 1)).passed());
        assertFalse(deadlock.verify(new DeadlockWorkload.Result(found, true, true, true, false, 1)).passed());
    }
}
