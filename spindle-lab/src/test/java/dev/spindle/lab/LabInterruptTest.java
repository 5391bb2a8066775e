package dev.spindle.lab;

import dev.spindle.lab.report.JsonReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Ctrl-C during a lab run, as a user presses it: a {@code spindle lab} JVM gets SIGINT in the
 * middle of a long configuration, abandons it, prints and writes what it measured before, and
 * exits with 130.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LabInterruptTest {

    @Test
    void ctrlCKeepsTheResultsSoFarAndExitsWith130(@TempDir Path dir) throws Exception {
        assumeFalse(sigintIgnored(), "this test JVM was started with SIGINT ignored, so its children cannot receive it");
        Path json = dir.resolve("lab.json");
        Process lab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpindleCli.class.getName(), "lab",
                "-w", "race,fetch", "-s", "threads", "-n", "2", "--warmups", "0", "--repeats", "1",
                "--param", "race.increments=1000", "--param", "fetch.requests=2000", "--param", "fetch.delay=50ms",
                "--json", json.toString(), "--no-html")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.startsWith("race ") && line.contains(" threads ")) {
                    // both race rows are in; fetch's baseline (2,000 x 50 ms, over a minute and a half) runs now
                    new ProcessBuilder("sh", "-c", "kill -INT " + lab.pid()).inheritIO().start().waitFor();
                }
            }
            assertTrue(lab.waitFor(60, TimeUnit.SECONDS), "the lab did not exit after Ctrl-C:\n" + String.join("\n", lines));
        } finally {
            lab.destroyForcibly();
        }
        String output = String.join("\n", lines);
        assertEquals(130, lab.exitValue(), output);
        assertTrue(output.contains("Interrupted after"), output);
        assertTrue(output.contains("the 2 configuration(s) above were measured"), output);
        Map<String, Object> written = JsonReport.read(json);
        assertEquals(true, written.get("interrupted"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) written.get("results");
        assertEquals(List.of("race", "race"), results.stream().map(r -> r.get("workload")).toList(),
                "the two race rows, and not the abandoned fetch configuration");
    }

    /** Whether this JVM ignores SIGINT (as a background job of a shell without job control does). */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0; // bit 1: signal 2
            }
        }
        return false;
    }
}
