package dev.spindle;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ForkJoinWorkerThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkJoinPoolTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.forkJoin(workers);
    }

    @Override
    public boolean compensatesBlockedWorkers() {
        return true;
    }

    @Test
    void workerCountMustBePositive() {
        assertEquals("workers must be at least 1, was 0", assertThrows(IllegalArgumentException.class, () -> Pool.forkJoin(0)).getMessage());
    }

    @Test
    void workerCountMustFitAForkJoinPool() {
        assertEquals("workers must be at most 32767, was 100000",
                assertThrows(IllegalArgumentException.class, () -> Pool.forkJoin(100_000)).getMessage());
        assertEquals("forkJoin(32767)", pool(32_767).name());
    }

    @Test
    void runsOnForkJoinWorkers() {
        Pool pool = pool(2);
        assertEquals("forkJoin(2)", pool.name());
        assertTrue(pool.submit(() -> Thread.currentThread() instanceof ForkJoinWorkerThread).join());
    }

    @Test
    void everyWorkerHasItsOwnName() throws Exception {
        Pool pool = pool(2);
        java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
        var a = pool.submit(() -> {
            both.await();
            return Thread.currentThread().getName();
        });
        var b = pool.submit(() -> {
            both.await();
            return Thread.currentThread().getName();
        });
        assertNotEquals(a.get(HANG_SECONDS, java.util.concurrent.TimeUnit.SECONDS), b.get(HANG_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void recursiveSplittingDoesNotStarveASmallPool() {
        Pool pool = pool(1);
        assertEquals(6765L, fib(pool, 20));
    }

    /**
     * The naive recursive Fibonacci, every call a submitted task that the caller joins. Before
     * waiting workers ran queued work, each join blocked its worker and the pool compensated
     * with a new thread: 700 to 900 threads at depth 18. Now the waiting worker runs its own
     * subtask, so only the threads that stole work are ever blocked.
     */
    @Test
    void recursiveSubmitAndJoinRunsOnAHandfulOfThreads() {
        Pool pool = pool(2);
        java.util.Set<String> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        pool.listen(event -> {
            if (event instanceof TaskEvent.Started started) {
                workers.add(started.worker());
            }
        });
        assertEquals(2584L, naiveFibUnchecked(pool, 18));
        assertTrue(workers.size() <= 2 + 16, "recursive submit-and-join used " + workers.size() + " threads");
    }

    private static long naiveFib(Pool pool, int n) throws Exception {
        if (n < 2) {
            return n;
        }
        var left = pool.submit(() -> naiveFib(pool, n - 1));
        var right = pool.submit(() -> naiveFib(pool, n - 2));
        return left.get() + right.join();
    }

    private static long naiveFibUnchecked(Pool pool, int n) {
        try {
            return naiveFib(pool, n);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Tasks that block on something the pool cannot run (here a plain future completed from
     * outside) make it start spare threads; at the bound, the wait fails with a message that says
     * why, instead of the pool growing without end.
     */
    @Test
    void blockingBeyondTheSpareThreadsFailsWithAClearError() throws Exception {
        Pool pool = pool(1);
        java.util.concurrent.CompletableFuture<Void> gate = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Throwable> refused = new java.util.concurrent.CompletableFuture<>();
        java.util.List<java.util.concurrent.CompletableFuture<Void>> blocked = new java.util.ArrayList<>();
        for (int i = 0; i < 300 && !refused.isDone(); i++) {
            blocked.add(pool.run(() -> {
                try {
                    gate.get();
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    refused.complete(e);
                }
            }));
        }
        Throwable error = refused.get(HANG_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(error.getMessage().startsWith("forkJoin(1): every worker is blocked waiting, and the 256 spare threads"),
                error.getMessage());
        gate.complete(null);
        for (var future : blocked) {
            future.get(HANG_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static long fib(Pool pool, int n) {
        if (n < 2) {
            return n;
        }
        if (n < 12) {
            return fib(pool, n - 1) + fib(pool, n - 2);
        }
        var left = pool.submit(() -> fib(pool, n - 1));
        long right = fib(pool, n - 2);
        return left.join() + right;
    }
}
