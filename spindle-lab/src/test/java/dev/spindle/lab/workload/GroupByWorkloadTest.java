package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.SpindleCli;
import dev.spindle.process.ProcessPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The group-by reads every line once whatever the cut, in threads and in worker JVMs, in a heap
 * far smaller than the file; a malformed line stops it with its number or is skipped and counted;
 * a vanished file is named.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupByWorkloadTest {

    @Test
    void everyCutGivesTheGeneratorsAnswerOnEveryPool() throws Exception {
        for (int chunks : List.of(1, 7, 64)) {
            GroupByWorkload groupBy = new GroupByWorkload(2_000_000, chunks, false, false);
            for (Pool pool : List.of(Pool.sequential(), Pool.threads(2), Pool.forkJoin(2), ProcessPool.create(2))) {
                try (pool) {
                    Verdict verdict = groupBy.verify(groupBy.execute(pool));
                    assertTrue(verdict.passed(), chunks + " chunks on " + pool.name() + ": " + verdict.summary());
                }
            }
        }
        GroupByWorkload lines = new GroupByWorkload(2_000_000, 1, false, true);
        try (Pool pool = Pool.sequential()) {
            assertTrue(lines.verify(lines.execute(pool)).passed());
        }
    }

    @Test
    void aMalformedLineStopsTheRunWithItsNumberOrIsSkipped(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder(SalesCsv.HEADER);
        for (int i = 0; i < 5_000; i++) {
            csv.append(i == 3_210 ? "cat-03;12.50" : String.format("cat-%02d,%d.%02d", i % 16, i % 1000, i % 100)).append('\n');
        }
        Path file = dir.resolve("sales.csv");
        Files.writeString(file, csv, StandardCharsets.US_ASCII);
        try (Pool pool = Pool.threads(2)) {
            IllegalArgumentException stop = assertThrows(IllegalArgumentException.class, () -> GroupByWorkload.aggregate(pool, file, 9, false));
            assertTrue(stop.getMessage().startsWith("malformed line: 'cat-03;12.50', line 3,212 of sales.csv"), stop.getMessage());
            GroupByWorkload.Result skipped = GroupByWorkload.aggregate(pool, file, 9, true);
            assertEquals(1, skipped.malformed());
            assertEquals(3_212, skipped.firstMalformed());
            assertEquals(4_999, skipped.lines());
        }
    }

    @Test
    void aVanishedFileIsNamed(@TempDir Path dir) throws IOException {
        Path gone = dir.resolve("gone.csv");
        Files.writeString(gone, SalesCsv.HEADER + "cat-01,1.00\n");
        try (Pool pool = Pool.threads(2)) {
            long size = Files.size(gone);
            Files.delete(gone);
            assertTrue(size > 0);
            IOException e = assertThrows(IOException.class, () -> GroupByWorkload.aggregate(pool, gone, 2, false));
            assertTrue(e.getMessage().contains("gone.csv"), e.getMessage());
        }
    }

    @Test
    void badSizesAreRefusedWithTheValue() {
        assertEquals("groupby.size must be at least 1 byte, was 0",
                assertThrows(IllegalArgumentException.class, () -> new GroupByWorkload(0, 4, false, false)).getMessage());
        assertEquals("groupby.chunks must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new GroupByWorkload(10, 0, false, false)).getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> SalesCsv.of(1L << 50, GroupByWorkload.THRESHOLD_CENTS));
        assertTrue(tooBig.getMessage().startsWith("groupby.size=1,125,899,906,842,624 bytes does not fit: "), tooBig.getMessage());
    }

    @Test
    void aFileFourTimesTheHeapIsAggregatedInBoundedMemory() throws Exception {
        // the lab itself, in a JVM whose heap (24 MiB) is a quarter of the file (96 MB)
        Process lab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx24m",
                "-cp", System.getProperty("java.class.path"), SpindleCli.class.getName(), "lab", "-w", "groupby", "-s", "threads",
                "-n", "2", "--warmups", "0", "--repeats", "1", "--param", "groupby.size=96M", "--no-json", "--no-html")
                .redirectErrorStream(true).start();
        String output = new String(lab.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lab.waitFor(100, TimeUnit.SECONDS), output);
        assertEquals(0, lab.exitValue(), output);
        assertTrue(output.contains("sums and means exact"), output);
        assertFalse(output.contains("OutOfMemoryError"), output);
    }
}
