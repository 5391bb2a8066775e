package dev.spindle.process;

import dev.spindle.Pool;
import dev.spindle.PoolContract;

/**
 * The whole pool contract, unchanged, against worker JVMs: every task, result and exception
 * crosses a real process boundary here. Pools come from {@code Pool.processes(n)}, so the suite
 * also proves that core finds this module at run time.
 */
class ProcessPoolContractTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.processes(workers);
    }

    @Override
    public boolean tasksShareTheSubmittersMemory() {
        return false;
    }
}
