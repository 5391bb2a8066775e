package dev.spindle.testkit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handles do what they promise across a process boundary: a second JVM, started with this
 * test's class path, deserialises them and counts alongside this JVM, so every increment of both
 * must land, and each sees what the other recorded.
 */
class SharedStateAcrossProcessesTest {

    private static final Duration HANG = Duration.ofSeconds(60);
    private static final int INCREMENTS = 200_000;

    @Test
    void anotherJvmSharesGatesCountersAndRecorders() throws Exception {
        try (SharedState shared = SharedState.create()) {
            SharedStateChild.Handles handles = new SharedStateChild.Handles(shared.gate("ready"), shared.gate("go"),
                    shared.counter("increments"), shared.recorder("log"), INCREMENTS);
            Process child = startChild(handles);
            try {
                assertTrue(handles.ready().await(HANG), "the child never said it was ready: " + output(child));
                assertEquals(List.of("child ready"), handles.recorder().strings());
                handles.go().open();
                for (int i = 0; i < INCREMENTS; i++) {
                    handles.counter().incrementAndGet();
                }
                assertTrue(child.waitFor(HANG.toSeconds(), TimeUnit.SECONDS), "the child did not exit");
                assertEquals(0, child.exitValue(), "the child failed: " + output(child));
                assertEquals(2L * INCREMENTS, handles.counter().get(), "an increment was lost between the processes");
                assertEquals(List.of(child.pid()), handles.recorder().longs());
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
        }
    }

    private static Process startChild(SharedStateChild.Handles handles) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handles);
        }
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SharedStateChild.class.getName(), Base64.getEncoder().encodeToString(bytes.toByteArray()))
                .redirectErrorStream(true)
                .start();
    }

    /** What the child printed: nothing, unless it failed. Read only once it has exited or failed. */
    private static String output(Process child) throws Exception {
        if (child.isAlive()) {
            return "(still running)";
        }
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
