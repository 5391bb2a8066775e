package dev.spindle.lab.harness;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseTest {

    @Test
    void aQuietSteadyConfigurationIsNotFlagged() {
        Noise noise = Noise.judge(0.4, 1.9, 0.03, 0.6, 0.04); // one odd run: a wide spread, a small deviation
        assertFalse(noise.flagged());
        assertEquals("", noise.reason());
    }

    @Test
    void otherProcessesOrScatteredRunsFlagAConfigurationAndSayWhy() {
        assertEquals("other processes used 41% of the machine's CPU", Noise.judge(2.5, 3.1, 0.41, 0.1, 0.02).reason());
        assertEquals("its runs lie 15% from their median, typically", Noise.judge(0.1, 0.2, 0.0, 0.6, 0.15).reason());
        Noise both = Noise.judge(2.5, 3.1, 0.5, 0.3, 0.2);
        assertTrue(both.flagged());
        assertEquals("other processes used 50% of the machine's CPU; its runs lie 20% from their median, typically", both.reason());
    }

    @Test
    void withoutProcStatOnlyTheDeviationCounts() {
        assertFalse(Noise.judge(-1, -1, Double.NaN, 0.1, 0.05).flagged());
        assertTrue(Noise.judge(-1, -1, Double.NaN, 0.5, 0.3).flagged());
        assertFalse(Noise.judge(-1, -1, Double.NaN, 0.9, Double.NaN).flagged(), "a findings workload's times are not judged");
    }

    @Test
    void aProbeMeasuresAConfigurationOfThisJvm() {
        Noise.Probe probe = Noise.probe();
        Noise noise = probe.finish(Stats.of(100, 110, 120), true);
        assertEquals(20.0 / 110, noise.spread(), 1e-9); // (max - min) / median
        assertEquals(10.0 / 110, noise.deviation(), 1e-9); // deviations 10, 0, 10: their median is 10
        assertTrue(Double.isNaN(noise.othersCpu()) || noise.othersCpu() >= 0 && noise.othersCpu() <= 1, "a share: " + noise.othersCpu());
    }
}
