package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RangeCountersTest {

    @Test
    void fieldsAndCallablesBothSumZeroToOneThousandNineHundredNinetyNine() throws Exception {
        assertEquals(new RangeCounters.Totals(1_999_000, 1_999_000, 1_999_000), Printed.of(RangeCounters::run).result());
    }

    @Test
    void aCounterStoresItsResultWhenRunAndTheRecordReturnsIt() {
        RangeCounters.RangeCounter counter = new RangeCounters.RangeCounter("t", 10, 13);
        assertEquals(0, counter.result());
        counter.run();
        assertEquals(10 + 11 + 12, counter.result());
        assertEquals(10 + 11 + 12, new RangeCounters.RangeSum(10, 13).call());
    }
}
