package dev.spindle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadsPoolTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.threads(workers);
    }

    @Test
    void workerCountMustBePositive() {
        assertEquals("workers must be at least 1, was 0", assertThrows(IllegalArgumentException.class, () -> Pool.threads(0)).getMessage());
        assertEquals("workers must be at least 1, was -3", assertThrows(IllegalArgumentException.class, () -> Pool.threads(-3)).getMessage());
    }

    @Test
    void runsOnNamedPlatformWorkers() {
        Pool pool = pool(2);
        assertEquals("threads(2)", pool.name());
        assertEquals(2, pool.parallelism());
        Thread worker = pool.submit(Thread::currentThread).join();
        assertFalse(worker.isVirtual());
        assertTrue(worker.getName().startsWith("spindle-threads-"), worker.getName());
    }
}
