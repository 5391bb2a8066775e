package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsCompletedTest {

    @Test
    void goodRangesAreCountedAndEachBadOneIsReportedWithItsOwnError() throws Exception {
        Printed<AsCompleted.Report> run = Printed.of(AsCompleted::run);
        AsCompleted.Report report = run.result();

        assertEquals(Map.of(new Range(1, 75_000), 7_393L, new Range(75_000, 150_000), 6_455L,
                new Range(150_000, 225_000), 6_172L, new Range(225_000, 300_000), 5_977L), report.counted());
        assertEquals(25_997, report.total());

        assertEquals(Set.of(new Range(300_000, 225_000), new Range(-10, 10)), report.failed().keySet());
        Throwable backwards = report.failed().get(new Range(300_000, 225_000));
        assertInstanceOf(IllegalArgumentException.class, backwards); // the task's own exception, unwrapped
        assertTrue(backwards.getMessage().contains("backwards"), backwards.getMessage());
        assertTrue(report.failed().get(new Range(-10, 10)).getMessage().contains("below zero"));

        assertEquals(AsCompleted.RANGES.size(), run.output().lines().filter(l -> l.startsWith("  [")).count(),
                "one line per range, success or failure:\n" + run.output());
    }
}
