package dev.spindle.lab.gil;

import dev.spindle.Pool;
import dev.spindle.PoolContract;


/**
 * The gil strategy is a backend like any other, so it keeps the whole pool contract. Its
 * workers hold the GIL while a task blocks outside {@link Gil#blocking}, as a CPython thread
 * holds it in a C call that does not release it; the contract's scenarios still pass.
 */
class GilPoolContractTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.using(new GilBackend(workers, Gil.DEFAULT_SWITCH_INTERVAL));
    }
}
