package dev.spindle.isolate.internal;

import dev.spindle.Pool;
import dev.spindle.isolate.IsolatedPool;
import dev.spindle.spi.PoolProvider;

/** Makes {@code Pool.isolated(n)} find this module. */
public final class IsolatedPoolProvider implements PoolProvider {

    /** Made by the service loader. */
    public IsolatedPoolProvider() {}

    @Override
    public String kind() {
        return "isolated";
    }

    @Override
    public Pool create(int workers) {
        return IsolatedPool.create(workers);
    }
}
