package dev.spindle;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task lifecycle in a flight recording, as {@code jfr print} and Mission Control read it. */
class FlightEventsTest {

    @Test
    void aRecordingHasEveryTasksSubmissionStartAndEnd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tasks.jfr");
        try (Recording recording = new Recording()) {
            for (String name : List.of("TaskSubmitted", "TaskStarted", "TaskFinished", "TaskFailed")) {
                recording.enable("dev.spindle." + name);
            }
            recording.start();
            try (Pool pool = Pool.threads(2)) {
                List<CompletableFuture<Integer>> futures = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> n * n));
                }
                for (CompletableFuture<Integer> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                CompletableFuture<Object> failing = pool.submit(() -> {
                    throw new IllegalStateException("eleven");
                });
                assertThrows(ExecutionException.class, () -> failing.get(30, TimeUnit.SECONDS));
            } // close() waits for the tasks, and so for their last events
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.spindle.")).toList();
        Map<String, Long> counts = events.stream().collect(Collectors.groupingBy(e -> e.getEventType().getName(), Collectors.counting()));
        assertEquals(Map.of("dev.spindle.TaskSubmitted", 11L, "dev.spindle.TaskStarted", 11L, "dev.spindle.TaskFinished", 10L,
                "dev.spindle.TaskFailed", 1L), counts);
        RecordedEvent failed = events.stream().filter(e -> e.getEventType().getName().equals("dev.spindle.TaskFailed")).findFirst().orElseThrow();
        assertEquals("java.lang.IllegalStateException: eleven", failed.getString("error"));
        assertEquals("threads(2)", failed.getString("pool"));
        assertTrue(!failed.getString("worker").isBlank(), "the worker that ran it");
        assertEquals(11, events.stream().filter(e -> e.getEventType().getName().equals("dev.spindle.TaskStarted"))
                .map(e -> e.getLong("taskId")).distinct().count(), "each task started once, by its id");
        assertEquals("Spindle", events.getFirst().getEventType().getCategoryNames().getFirst());
    }
}
