package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BarrierPhasesTest {

    @Test
    void everyWorkerSeesEveryPartialSumAfterTheBarrier() throws Exception {
        BarrierPhases.Phases phases = Printed.of(BarrierPhases::run).result();
        assertEquals(List.of(499_500L, 1_499_500L, 2_499_500L), phases.partials());
        assertEquals(List.of(4_498_500L, 4_498_500L, 4_498_500L), phases.totalsSeen());
        assertEquals(2, phases.barrierTrips());
    }
}
