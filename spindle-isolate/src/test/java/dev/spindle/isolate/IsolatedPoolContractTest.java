package dev.spindle.isolate;

import dev.spindle.Pool;
import dev.spindle.PoolContract;

/** The whole portable contract suite, against isolated workers. */
class IsolatedPoolContractTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.isolated(workers);
    }

    /** Tasks are copies rebuilt by each worker's own loader. */
    @Override
    public boolean tasksShareTheSubmittersMemory() {
        return false;
    }
}
