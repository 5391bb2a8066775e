package dev.spindle.cluster;

import dev.spindle.Pool;
import dev.spindle.Task;
import dev.spindle.TaskEvent;
import dev.spindle.WorkerLostException;
import dev.spindle.testkit.SharedCounter;
import dev.spindle.testkit.SharedGate;
import dev.spindle.testkit.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member killed with SIGKILL in the middle of a run: its idempotent tasks run again on the
 * survivor and complete, the others fail naming the lost member, and no future hangs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MemberLostTest {

    private static final Duration HANG = Duration.ofSeconds(60);
    private static final int TASKS = 8;

    @Test
    void idempotentTasksOfAKilledMemberRunAgainAndTheOthersFailNamingIt() throws Exception {
        try (SharedState shared = SharedState.create();
             Cluster cluster = Cluster.builder().name("lost").start();
             MemberProcess doomed = MemberProcess.start("--join", cluster.address(), "--name", "lost");
             Pool pool = cluster.pool(TASKS)) {
            String survivor = cluster.address();
            String victim = cluster.members().get(1);
            Map<Long, List<String>> startedOn = new ConcurrentHashMap<>();
            List<Long> ids = new java.util.concurrent.CopyOnWriteArrayList<>(); // in submission order
            pool.listen(event -> {
                if (event instanceof TaskEvent.Submitted s) {
                    ids.add(s.taskId());
                }
                if (event instanceof TaskEvent.Started s) {
                    startedOn.computeIfAbsent(s.taskId(), id -> new ArrayList<>()).add(s.worker());
                }
            });
            SharedCounter started = shared.counter("started");
            SharedGate release = shared.gate("release");
            SharedGate allStarted = shared.gate("all-started");
            List<CompletableFuture<String>> futures = new ArrayList<>();
            List<Boolean> idempotent = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                Task<String> task = () -> {
                    if (started.incrementAndGet() == TASKS) {
                        allStarted.open();
                    }
                    if (!release.await(HANG)) {
                        throw new IllegalStateException("never released");
                    }
                    return "done on " + ProcessHandle.current().pid();
                };
                boolean retry = i % 4 < 2; // each member gets both kinds: the pool alternates between them
                idempotent.add(retry);
                futures.add(pool.submit(retry ? Task.idempotent(task) : task));
            }
            assertTrue(allStarted.await(HANG), "the " + TASKS + " tasks never ran at once");

            doomed.kill();

            String here = "done on " + ProcessHandle.current().pid();
            int retried = 0;
            int lost = 0;
            for (int i = 0; i < TASKS; i++) {
                long taskId = ids.get(i);
                boolean onVictim = startedOn.get(taskId).getFirst().equals(victim);
                if (onVictim && !idempotent.get(i)) {
                    CompletableFuture<String> future = futures.get(i);
                    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(HANG.toSeconds(), TimeUnit.SECONDS));
                    WorkerLostException gone = assertInstanceOf(WorkerLostException.class, e.getCause(), () -> describe(e.getCause()));
                    assertEquals(victim, gone.worker());
                    assertEquals("worker " + victim + " was lost while running the task: the member left the cluster", gone.getMessage());
                    lost++;
                }
            }
            release.open();
            for (int i = 0; i < TASKS; i++) {
                long taskId = ids.get(i);
                List<String> workers = startedOn.get(taskId);
                boolean onVictim = workers.getFirst().equals(victim);
                if (!onVictim || idempotent.get(i)) {
                    assertEquals(here, futures.get(i).get(HANG.toSeconds(), TimeUnit.SECONDS), "task " + taskId + " on " + workers);
                }
                if (onVictim && idempotent.get(i)) {
                    assertEquals(List.of(victim, survivor), workers, "task " + taskId + " ran again on the survivor");
                    retried++;
                }
            }
            assertTrue(retried > 0 && lost > 0, "the victim ran both kinds of task: " + startedOn);
            assertEquals(List.of(survivor), cluster.members());
            assertEquals(here, pool.submit(() -> "done on " + ProcessHandle.current().pid()).get(), "the pool goes on with the survivor");
        }
    }

    private static String describe(Throwable error) {
        java.io.StringWriter text = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
