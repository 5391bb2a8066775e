package dev.spindle.lab.strategy;

import dev.spindle.Pool;
import dev.spindle.PoolContract;

/**
 * The taskgroup strategy is a backend like any other, so it keeps the whole pool contract: a
 * virtual thread per task, forked in a {@code TaskGroup}, with no bound on how many run at once.
 */
class TaskGroupPoolContractTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.using(new TaskGroupBackend());
    }
}
