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
    protected boolean compensatesBlockedWorkers() {
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
