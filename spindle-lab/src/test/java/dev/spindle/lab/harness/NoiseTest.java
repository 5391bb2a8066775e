package dev.spindle.lab.harness;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseTest {

    @Test
    void aQuietSteadyConfigurationIsNotFlagged() {
        Noise noise = Noise.judge(0.4, 1.9, 0.03, 0.08);
        assertFalse(noise.flagged());
        assertEquals("", noise.reason());
    }

    @Test
    void otherProcessesOrScatteredRunsFlagAConfigurationAndSayWhy() {
        assertEquals("other processes used 41% of the machine's CPU", Noise.judge(2.5, 3.1, 0.41, 0.1).reason());
        assertEquals("its runs spread 60% around the median", Noise.judge(0.1, 0.2, 0.0, 0.6).reason());
        Noise both = Noise.judge(2.5, 3.1, 0.5, 0.3);
        assertTrue(both.flagged());
        assertEquals("other processes used 50% of the machine's CPU; its runs spread 30% around the median", both.reason());
    }

    @Test
    void withoutProcStatOnlyTheSpreadCounts() {
        assertFalse(Noise.judge(-1, -1, Double.NaN, 0.1).flagged());
        assertTrue(Noise.judge(-1, -1, Double.NaN, 0.5).flagged());
    }

    @Test
    void aProbeMeasuresAConfigurationOfThisJvm() {
        Noise.Probe probe = Noise.probe();
        Noise noise = probe.finish(Stats.of(100, 110, 120));
        assertEquals(20.0 / 110, noise.spread(), 1e-9); // (max - min) / median
        assertTrue(Double.isNaN(noise.othersCpu()) || noise.othersCpu() >= 0 && noise.othersCpu() <= 1, "a share: " + noise.othersCpu());
    }
}
