package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionPerThreadTest {

    @Test
    void threadsAndPoolBothSumZeroToThreeThousandNineHundredNinetyNine() throws Exception {
        Printed<FunctionPerThread.Totals> run = Printed.of(FunctionPerThread::run);
        assertEquals(new FunctionPerThread.Totals(7_998_000, 7_998_000, 7_998_000), run.result());
        for (int i = 0; i < 4; i++) {
            assertTrue(run.output().contains("t" + i + ": done"), run.output());
        }
    }

    @Test
    void sumOfRangeIsHalfOpen() {
        assertEquals(0, FunctionPerThread.sumOfRange(5, 5));
        assertEquals(5 + 6 + 7, FunctionPerThread.sumOfRange(5, 8));
    }
}
