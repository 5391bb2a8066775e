package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LostUpdatesTest {

    @Test
    void theFixedCountersAreExactAndTheRacyOnesNeverOvercount() throws Exception {
        List<LostUpdates.Tally> tallies = Printed.of(LostUpdates::run).result();
        assertEquals(List.of("count++", "volatile count++", "ReentrantLock", "AtomicLong", "LongAdder"),
                tallies.stream().map(LostUpdates.Tally::counter).toList());
        for (LostUpdates.Tally tally : tallies.subList(2, tallies.size())) {
            assertEquals(tally.expected(), tally.actual(), tally.counter());
        }
        // Whether the racy counters lose updates is up to the scheduler, so it is not asserted;
        // that they lose rather than invent them is certain.
        for (LostUpdates.Tally racy : tallies.subList(0, 2)) {
            assertTrue(racy.actual() > 0 && racy.actual() <= racy.expected(), racy.toString());
        }
    }
}
