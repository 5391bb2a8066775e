package dev.spindle;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ForkJoinWorkerThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void runsOnForkJoinWorkers() {
        Pool pool = pool(2);
        assertEquals("forkJoin(2)", pool.name());
        assertTrue(pool.submit(() -> Thread.currentThread() instanceof ForkJoinWorkerThread).join());
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
