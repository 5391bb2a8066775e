package dev.spindle;

import dev.spindle.testkit.SharedGate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.spindle.PoolFixture.await;
import static dev.spindle.PoolFixture.blockedUntilInterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract, part seven: the {@code ExecutorService} view runs tasks, cancels them, and shuts
 * the pool down. What it is given is serialisable ({@link Task} is a serialisable
 * {@code Callable}; {@link SerializableRunnable}), as a serialising backend requires.
 */
public interface ExecutorViewContract extends PoolFixture {

    @Test
    default void theExecutorServiceViewRunsTasksAndShutsThePoolDown() throws Exception {
        Pool pool = pool(2);
        ExecutorService executor = pool.asExecutorService();
        Task<Integer> one = () -> 1;
        assertEquals(1, executor.submit(one).get(HANG_SECONDS, TimeUnit.SECONDS));
        assertEquals("v", executor.submit((SerializableRunnable) () -> {}, "v").get(HANG_SECONDS, TimeUnit.SECONDS));
        if (!runsInCaller()) {
            SharedGate started = shared().gate("started");
            SharedGate interrupted = shared().gate("interrupted");
            Task<Object> blocked = blockedUntilInterrupted(started, interrupted);
            Future<String> future = executor.submit((SerializableRunnable) () -> {
                try {
                    blocked.call();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "v");
            await(started);
            assertTrue(future.cancel(true));
            await(interrupted);
        }
        executor.shutdown();
        assertTrue(executor.isShutdown());
        assertTrue(pool.isClosed());
        assertTrue(executor.awaitTermination(HANG_SECONDS, TimeUnit.SECONDS));
        assertTrue(executor.isTerminated());
    }

    @Test
    default void theExecutorServiceViewInvokesAllAndAny() throws Exception {
        Pool pool = pool(2);
        ExecutorService executor = pool.asExecutorService();
        List<Task<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
        int sum = 0;
        for (Future<Integer> future : executor.invokeAll(tasks)) {
            sum += future.get(HANG_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(6, sum);
        List<Task<Integer>> one = List.of(() -> 5);
        assertEquals(5, executor.invokeAny(one, HANG_SECONDS, TimeUnit.SECONDS));
    }
}
