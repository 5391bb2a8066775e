package dev.spindle.process.internal;

import dev.spindle.Pool;
import dev.spindle.process.ProcessPool;
import dev.spindle.spi.PoolProvider;

/** Makes {@code Pool.processes(n)} work: found by {@link java.util.ServiceLoader}. Not API. */
public final class ProcessPoolProvider implements PoolProvider {

    @Override
    public String kind() {
        return "processes";
    }

    @Override
    public Pool create(int workers) {
        return ProcessPool.create(workers);
    }
}
