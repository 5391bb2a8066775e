package dev.spindle.process;

import dev.spindle.Pool;
import dev.spindle.WorkerLostException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A thousand tasks, one in twenty of which kills its worker, each of the ways in
 * {@link WorkerDeaths} in turn. Every other task must succeed, every killed one must fail with the
 * worker-lost error naming how, the pool must work afterwards, and nothing may be left behind.
 * Bounded in time by the testkit's hang rule; nothing here is timed.
 */
class ChaosTest {

    private static final int TASKS = 1_000;
    private static final int ONE_IN = 20;

    private final Leftovers leftovers = new Leftovers();

    @AfterEach
    void nothingLeft() throws Exception {
        leftovers.assertNoneLeft();
    }

    private static boolean kills(int task) {
        return task % ONE_IN == ONE_IN / 2;
    }

    private static WorkerDeaths death(int task) {
        return WorkerDeaths.values()[(task / ONE_IN) % WorkerDeaths.values().length];
    }

    @Test
    void aThousandTasksWhileOneInTwentyKillsItsWorker() throws Exception {
        try (Pool pool = ProcessPool.builder().workers(2).standby(1).jvmOptions(WorkerDeaths.WORKER_OPTIONS).build()) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                int task = i;
                futures.add(pool.submit(() -> {
                    if (kills(task)) {
                        death(task).inflict();
                    }
                    return task * task;
                }));
            }
            int lost = 0;
            for (int i = 0; i < TASKS; i++) {
                try {
                    int square = futures.get(i).get(120, TimeUnit.SECONDS);
                    if (kills(i)) {
                        fail("task " + i + " should have killed its worker (" + death(i) + ") but returned " + square);
                    }
                    assertEquals(i * i, square);
                } catch (ExecutionException e) {
                    if (!kills(i)) {
                        throw new AssertionError("task " + i + " failed though it killed nothing", e.getCause());
                    }
                    WorkerLostException worker = assertInstanceOf(WorkerLostException.class, e.getCause());
                    assertTrue(worker.getMessage().contains(death(i).reported), worker.getMessage());
                    lost++;
                }
            }
            assertEquals(TASKS / ONE_IN, lost);
            assertEquals(List.of(0, 1, 4, 9), pool.map(i -> i * i, List.of(0, 1, 2, 3)).toList(), "the pool is not usable afterwards");
        }
    }
}
