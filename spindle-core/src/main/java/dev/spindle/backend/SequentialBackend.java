package dev.spindle.backend;

import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs every job at once in the thread that submits it: the baseline with no parallelism and no
 * dispatch cost. A job is finished before {@code submit} returns, so there is never anything to
 * wait for or to cancel at close.
 */
public final class SequentialBackend implements Backend {

    private volatile boolean shutdown;

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public void dispatch(Job job) {
        if (shutdown) {
            throw new RejectedExecutionException("sequential backend is shut down");
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
