package dev.spindle.jcstress.pool;

import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * A backend that runs each job on the submitting thread, inside {@code dispatch}, and rejects
 * jobs once shut down: every submission's fate is decided before {@code submit} returns, so a
 * test's arbiter can tell each task's story.
 */
final class InlineBackend implements Backend {

    private volatile boolean shutdown;

    @Override
    public String name() {
        return "inline";
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public void dispatch(Job job) {
        if (shutdown) {
            throw new RejectedExecutionException("inline backend is shut down");
        }
        job.runHere(Thread.currentThread().getName());
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
