package dev.spindle.lab.harness;

import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's arithmetic, on made-up timings. */
class StatsTest {

    @Test
    void medianMinAndMax() {
        Stats odd = Stats.of(50, 10, 40, 20, 30);
        assertEquals(30.0, odd.median());
        assertEquals(10, odd.min());
        assertEquals(50, odd.max());
        assertEquals(25.0, Stats.of(40, 10, 30, 20).median(), "even count: mean of the two middle samples");
        assertEquals(7.0, Stats.of(7).median());
        assertEquals(List.of(50L, 10L, 40L, 20L, 30L), odd.samples(), "samples keep run order");
    }

    @Test
    void medianIgnoresOneOutlier() {
        assertEquals(100.0, Stats.of(100, 101, 99, 100, 5_000).median());
    }

    @Test
    void speedupIsTheRatioOfMediansAndEfficiencyIsPerWorker() {
        Stats sequential = Stats.of(400, 410, 390);
        Stats parallel = Stats.of(200, 205, 210);
        double speedup = parallel.speedupOver(sequential);
        assertEquals(400.0 / 205.0, speedup, 1e-12);
        assertEquals(speedup / 2, Stats.efficiency(speedup, 2), 1e-12);
        assertEquals(0.5, Stats.efficiency(2.0, 4), 1e-12);
        assertEquals(1.0, Stats.of(300).speedupOver(Stats.of(300)));
        assertThrows(IllegalArgumentException.class, () -> Stats.efficiency(1.0, 0));
    }

    @Test
    void badSamplesAreRefused() {
        assertThrows(IllegalArgumentException.class, Stats::of);
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> Stats.of(5, -1));
        assertTrue(negative.getMessage().contains("-1"));
    }

    @Test
    void defaultSweepIsPowersOfTwoTheCoresAndTwiceTheCores() {
        assertEquals(List.of(1, 2, 4), Plan.defaultWorkers(2));
        assertEquals(List.of(1, 2), Plan.defaultWorkers(1));
        assertEquals(List.of(1, 2, 4, 6, 12), Plan.defaultWorkers(6));
        assertEquals(List.of(1, 2, 4, 8, 16), Plan.defaultWorkers(8));
    }

    @Test
    void planRefusesBadValuesNamingThem() {
        List<Strategy> all = List.of(Strategy.values());
        Duration interval = Gil.DEFAULT_SWITCH_INTERVAL;
        assertMessage("was 0", () -> new Plan(Workloads.all(), all, List.of(1, 0), 1, 1, interval));
        assertMessage("was 0", () -> new Plan(Workloads.all(), all, List.of(1), 1, 0, interval));
        assertMessage("was -1", () -> new Plan(Workloads.all(), all, List.of(1), -1, 1, interval));
        assertMessage("valid: pi", () -> new Plan(List.of(), all, List.of(1), 1, 1, interval));
        assertMessage("PT-0.001S", () -> new Plan(Workloads.all(), all, List.of(1), 1, 1, Duration.ofMillis(-1)));
        assertEquals(List.of(1, 2, 4), new Plan(Workloads.all(), all, List.of(4, 1, 2, 2), 0, 1, interval).workers(),
                "worker counts sorted, duplicates dropped");
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable making) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, making);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
