package dev.spindle.process;

import dev.spindle.Pool;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool's JVM killed by SIGKILL cannot clean up after itself: its workers must notice on their
 * own and exit, and the next pool must remove the directory it left.
 */
class OrphansTest {

    @Test
    void workersExitWhenTheirPoolsJvmIsKilledAndItsDirectoryIsReclaimed() throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedPoolMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<ProcessHandle> workers;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            String line = lines.readLine();
            while (line != null && !line.startsWith("workers ")) {
                line = lines.readLine();
            }
            assertNotNull(line, "the pool's JVM ended before it printed its workers");
            workers = Arrays.stream(line.substring("workers ".length()).split(" "))
                    .map(pid -> ProcessHandle.of(Long.parseLong(pid)).orElseThrow()).toList();
            assertEquals(2, workers.size());
        } finally {
            parent.destroyForcibly();
            parent.waitFor();
        }
        for (ProcessHandle worker : workers) {
            worker.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(worker.isAlive(), "worker " + worker.pid() + " outlived its pool's JVM");
        }
        Path orphan;
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            orphan = entries.filter(path -> path.getFileName().toString().startsWith("spindle-pool-" + parent.pid() + "-"))
                    .findFirst().orElseThrow(() -> new AssertionError("the killed JVM left no directory: was it ever created?"));
        }
        try (Pool pool = ProcessPool.create(1)) {
            assertTrue(Files.notExists(orphan), "the next pool did not reclaim " + orphan);
            assertEquals(1, pool.submit(() -> 1).get(60, TimeUnit.SECONDS));
        }
    }
}
