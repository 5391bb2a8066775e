package dev.spindle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtualThreadsPoolTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.virtualThreads();
    }

    @Test
    void runsEachTaskOnAVirtualThread() {
        Pool pool = pool(1);
        assertEquals("virtualThreads", pool.name());
        assertEquals(Integer.MAX_VALUE, pool.parallelism());
        assertTrue(pool.submit(() -> Thread.currentThread().isVirtual()).join());
    }
}
