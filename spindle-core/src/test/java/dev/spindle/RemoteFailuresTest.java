package dev.spindle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failures that running a task elsewhere adds, through the remote half of the SPI: at most
 * once by default, retry for idempotent tasks, a backend that fails while dispatching.
 */
class RemoteFailuresTest {

    private final List<TaskEvent> events = new ArrayList<>();

    private Pool pool(ScriptedBackend backend) {
        Pool pool = Pool.using(backend);
        pool.listen(events::add);
        return pool;
    }

    private List<Class<?>> eventTypes() {
        return events.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void aLostWorkerFailsAnOrdinaryTaskAtMostOnce() {
        ScriptedBackend backend = new ScriptedBackend().then(ScriptedBackend.loseWorker("worker-1"));
        try (Pool pool = pool(backend)) {
            CompletableFuture<Integer> future = pool.submit(() -> 42);
            ExecutionException thrown = assertThrows(ExecutionException.class, future::get);
            WorkerLostException lost = assertInstanceOf(WorkerLostException.class, thrown.getCause());
            assertEquals("worker worker-1 was lost while running the task: exited with code 137 (SIGKILL)", lost.getMessage());
            assertEquals("worker-1", lost.worker());
            assertEquals(1, backend.dispatches, "a task not marked idempotent was sent again");
        }
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Started.class, TaskEvent.Failed.class), eventTypes());
    }

    @Test
    void anIdempotentTaskRunsAgainOnAnotherWorker() throws Exception {
        ScriptedBackend backend = new ScriptedBackend()
                .then(ScriptedBackend.loseWorker("worker-1"))
                .then(ScriptedBackend.runOn("worker-2"));
        try (Pool pool = pool(backend)) {
            assertEquals(42, pool.submit(Task.idempotent(() -> 42)).get());
            assertEquals(2, backend.dispatches);
        }
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Started.class, TaskEvent.Retrying.class,
                TaskEvent.Started.class, TaskEvent.Finished.class), eventTypes());
        TaskEvent.Retrying retrying = (TaskEvent.Retrying) events.get(2);
        assertEquals("worker-1", retrying.worker());
        assertEquals(2, retrying.attempt());
        assertEquals("worker-2", ((TaskEvent.Finished) events.getLast()).worker());
    }

    @Test
    void anIdempotentTaskFailsOnceItsAttemptsAreSpent() {
        ScriptedBackend backend = new ScriptedBackend()
                .then(ScriptedBackend.loseWorker("worker-1"))
                .then(ScriptedBackend.loseWorker("worker-2"))
                .then(ScriptedBackend.runOn("worker-3"));
        try (Pool pool = pool(backend)) {
            CompletableFuture<Integer> future = pool.submit(Task.idempotent(() -> 42, 2));
            WorkerLostException lost = assertInstanceOf(WorkerLostException.class,
                    assertThrows(ExecutionException.class, future::get).getCause());
            assertEquals("worker-2", lost.worker());
            assertEquals(2, backend.dispatches);
        }
        assertEquals(1, events.stream().filter(TaskEvent.Failed.class::isInstance).count());
    }

    @Test
    void otherFailuresOfAnIdempotentTaskAreNotRetried() {
        ScriptedBackend backend = new ScriptedBackend().then(job -> {
            job.start("worker-1", () -> {});
            job.fail(new TaskTimeoutException("worker-1", java.time.Duration.ofSeconds(5)));
        });
        try (Pool pool = pool(backend)) {
            CompletableFuture<Integer> future = pool.submit(Task.idempotent(() -> 42));
            TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class,
                    assertThrows(ExecutionException.class, future::get).getCause());
            assertEquals("the task ran longer than its limit of PT5S on worker worker-1, which was stopped", timeout.getMessage());
            assertEquals(1, backend.dispatches);
        }
    }

    @Test
    void idempotentNeedsAtLeastOneAttempt() {
        assertEquals("maxAttempts must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Task.idempotent(() -> 1, 0)).getMessage());
        assertEquals("task", assertThrows(NullPointerException.class, () -> Task.idempotent(null)).getMessage());
    }

    @Test
    void aResultTooLargeNamesItsSizeAndTheLimit() {
        PayloadTooLargeException tooLarge = new PayloadTooLargeException(PayloadTooLargeException.Payload.RESULT, 2_000, 1_024);
        assertEquals("the result is 2000 bytes serialised, more than the 1024 bytes its backend carries", tooLarge.getMessage());
        assertInstanceOf(BackendException.class, tooLarge);
    }

    @Test
    void aBackendThatFailsToDispatchFailsTheTaskAndKeepsNothing() {
        OutOfMemoryError noThread = new OutOfMemoryError("unable to create native thread");
        ScriptedBackend backend = new ScriptedBackend().then(job -> {
            throw noThread;
        });
        try (Pool pool = pool(backend)) {
            CompletableFuture<Integer> future = pool.submit(() -> 1);
            assertSame(noThread, assertThrows(ExecutionException.class, future::get).getCause());
            assertTrue(pool.closeNow().isEmpty(), "the failed job was left registered");
        }
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Failed.class), eventTypes());
        assertEquals(PoolJob.NO_WORKER, ((TaskEvent.Failed) events.getLast()).worker());
    }

    @Test
    void aBackendThatRejectsWhileOpenRefusesTheTaskWithItsOwnReason() {
        RejectedExecutionException full = new RejectedExecutionException("queue full");
        ScriptedBackend backend = new ScriptedBackend().then(job -> {
            throw full;
        });
        try (Pool pool = pool(backend)) {
            assertSame(full, assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1)));
        }
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Cancelled.class), eventTypes());
    }

    @Test
    void aRemoteTaskCancelledTwiceCallsItsCancellerOnceAndReportsOneEnd() {
        List<String> cancelled = new ArrayList<>();
        List<CompletableFuture<?>> held = new ArrayList<>();
        ScriptedBackend backend = new ScriptedBackend().then(job -> job.start("worker-1", () -> cancelled.add("worker-1")));
        try (Pool pool = pool(backend)) {
            CompletableFuture<Integer> future = pool.submit(() -> 1);
            held.add(future);
            assertTrue(future.cancel(true));
            assertTrue(future.cancel(true), "cancel answers true for a cancelled future, as CompletableFuture does");
        }
        assertEquals(List.of("worker-1"), cancelled);
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Started.class, TaskEvent.Cancelled.class), eventTypes());
    }
}
