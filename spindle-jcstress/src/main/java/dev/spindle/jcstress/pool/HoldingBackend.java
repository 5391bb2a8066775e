package dev.spindle.jcstress.pool;

import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * A backend that runs nothing itself: it holds the one job it is handed, so that an actor can
 * run it (or start and complete it, as a remote backend would) at the moment the test chooses.
 */
final class HoldingBackend implements Backend {

    private volatile boolean shutdown;
    private volatile Job job;

    /** The job the pool dispatched. */
    Job job() {
        return job;
    }

    @Override
    public String name() {
        return "holding";
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public void dispatch(Job dispatched) {
        if (shutdown) {
            throw new RejectedExecutionException("holding backend is shut down");
        }
        if (job != null) {
            throw new IllegalStateException("the holding backend holds one job, and has " + job);
        }
        job = dispatched;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public void shutdownNow() {
        shutdown = true;
    }

    @Override
    public boolean awaitTermination(Duration timeout) {
        return shutdown;
    }
}
