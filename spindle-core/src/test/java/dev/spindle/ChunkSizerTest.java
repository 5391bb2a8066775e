package dev.spindle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The automatic chunk size, as a function of what finished tasks report. */
class ChunkSizerTest {

    private static final long OVERHEAD = 2_000; // 2 µs: target 100 µs a task

    @Test
    void startsWithOneInputATask() {
        assertEquals(1, new ChunkSizer(OVERHEAD, -1, 2).next());
    }

    @Test
    void tinyInputsGrowTheChunkAtMostEightfoldAReport() {
        ChunkSizer sizer = new ChunkSizer(OVERHEAD, -1, 2);
        sizer.finished(1, 100);            // 100 ns an input: ideal 1,000
        assertEquals(8, sizer.next());
        sizer.finished(8, 800);
        assertEquals(64, sizer.next());
        sizer.finished(64, 6_400);
        assertEquals(512, sizer.next());
        sizer.finished(512, 51_200);
        assertEquals(1_000, sizer.next());
    }

    @Test
    void inputsOfMillisecondsKeepOneATask() {
        ChunkSizer sizer = new ChunkSizer(OVERHEAD, -1, 2);
        for (int i = 0; i < 10; i++) {
            sizer.finished(1, 1_000_000);
            assertEquals(1, sizer.next());
        }
    }

    @Test
    void slowerInputsShrinkTheChunkAtOnce() {
        ChunkSizer sizer = new ChunkSizer(OVERHEAD, -1, 2);
        sizer.finished(1, 100);
        sizer.finished(8, 800);
        assertEquals(64, sizer.next());
        sizer.finished(64, 64 * 100_000L); // the inputs became 1,000 times slower
        assertEquals(1, sizer.next());
    }

    @Test
    void aKnownInputIsSpreadOverEveryWorker() {
        ChunkSizer sizer = new ChunkSizer(OVERHEAD, 1_000, 2); // at most 1,000 / (4 × 2) = 125
        for (int i = 0; i < 5; i++) {
            sizer.finished(sizer.next(), sizer.next() * 10L);
        }
        assertEquals(125, sizer.next());
    }

    @Test
    void aPoolWithNoBoundIsSpreadOverTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        ChunkSizer sizer = new ChunkSizer(OVERHEAD, 100_000, Integer.MAX_VALUE);
        for (int i = 0; i < 6; i++) {
            sizer.finished(sizer.next(), sizer.next() * 10L);
        }
        assertEquals(Math.min(4_096, 100_000 / (4 * cores)), sizer.next());
    }

    @Test
    void anUnknownInputIsCappedSoReadAheadStaysBounded() {
        ChunkSizer sizer = new ChunkSizer(OVERHEAD, -1, 2);
        for (int i = 0; i < 10; i++) {
            sizer.finished(sizer.next(), sizer.next()); // 1 ns an input
        }
        assertEquals(4_096, sizer.next());
    }
}
