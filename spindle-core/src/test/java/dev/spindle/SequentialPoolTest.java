package dev.spindle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SequentialPoolTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.sequential();
    }

    @Override
    public boolean runsInCaller() {
        return true;
    }

    @Test
    void runsEachTaskInTheCaller() {
        Pool pool = pool(1);
        assertEquals(Thread.currentThread().getName(), pool.submit(() -> Thread.currentThread().getName()).join());
    }
}
