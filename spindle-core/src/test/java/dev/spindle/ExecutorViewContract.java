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

    /** As {@link java.util.concurrent.ThreadPoolExecutor}: before the fix the exception vanished. */
    @Test
    default void aRunnableThatThrowsInExecuteReachesTheUncaughtExceptionHandler() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tasksShareTheSubmittersMemory(),
                "the handler is the one of the JVM that runs the task, which is not the test's");
        Pool pool = pool(2);
        java.util.concurrent.CompletableFuture<Throwable> reported = new java.util.concurrent.CompletableFuture<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> reported.complete(error));
        try {
            pool.asExecutorService().execute((SerializableRunnable) () -> {
                throw new IllegalStateException("lost in execute");
            });
            Throwable error = reported.get(HANG_SECONDS, TimeUnit.SECONDS);
            assertEquals(IllegalStateException.class, error.getClass());
            assertEquals("lost in execute", error.getMessage());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    /** Before the fix, shutdownNow returned the pool's internal wrappers. */
    @Test
    default void shutdownNowReturnsTheRunnablesThatWereGiven() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!runsInCaller(), "a pool that runs tasks in the caller never holds one back");
        Pool pool = pool(1);
        org.junit.jupiter.api.Assumptions.assumeTrue(pool.parallelism() == 1 && !compensatesBlockedWorkers(),
                "needs a pool where a task waits its turn");
        ExecutorService executor = pool.asExecutorService();
        SharedGate started = shared().gate("started");
        executor.submit(blockedUntilInterrupted(started, shared().gate("interrupted")));
        await(started);
        Runnable first = (SerializableRunnable) () -> {};
        Runnable second = (SerializableRunnable) () -> {};
        executor.execute(first);
        executor.submit(second);
        List<Runnable> neverRan = executor.shutdownNow();
        assertEquals(2, neverRan.size());
        assertTrue(neverRan.contains(first) && neverRan.contains(second), "shutdownNow returned wrappers: " + neverRan);
    }

    /** Timeouts by the library's rule (see the {@code dev.spindle} package): forever waits, zero and negative do not. */
    @Test
    default void theExecutorServiceViewReadsTimeoutsByTheLibraryRule() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!runsInCaller(), "a pool that runs tasks in the caller has no task left running at shutdown");
        Pool pool = pool(1);
        ExecutorService executor = pool.asExecutorService();
        SharedGate started = shared().gate("started");
        SharedGate release = shared().gate("release");
        java.util.concurrent.CompletableFuture<String> task = pool.submit(() -> {
            started.open();
            PoolFixture.hold(release);
            return "done";
        });
        await(started);
        executor.shutdown();
        for (long timeout : new long[] {0, -1, Long.MIN_VALUE}) {
            org.junit.jupiter.api.Assertions.assertFalse(executor.awaitTermination(timeout, TimeUnit.MILLISECONDS), "timeout " + timeout);
        }
        Thread waiter = Thread.currentThread();
        try (dev.spindle.testkit.TestThreads threads = new dev.spindle.testkit.TestThreads()) {
            threads.start("releaser", () -> {
                dev.spindle.testkit.TestThreads.awaitParked(waiter);
                release.open();
            });
            assertTrue(executor.awaitTermination(Long.MAX_VALUE, TimeUnit.MILLISECONDS));
        }
        assertEquals("done", task.getNow(null));
        assertTrue(executor.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS));
        assertTrue(executor.awaitTermination(Long.MIN_VALUE, TimeUnit.DAYS));
    }
}
