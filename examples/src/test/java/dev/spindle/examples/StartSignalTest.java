package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StartSignalTest {

    @Test
    void noWorkerPassesBeforeTheSignalAndAClearedEventHoldsWaitersBack() throws Exception {
        assertEquals(new StartSignal.Signals(3, 0, false, true), Printed.of(StartSignal::run).result());
    }
}
