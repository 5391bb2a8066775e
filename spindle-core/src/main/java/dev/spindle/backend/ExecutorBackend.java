package dev.spindle.backend;

import dev.spindle.internal.Timeouts;
import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A backend over a JDK {@link ExecutorService} whose threads run jobs in place: the executor
 * supplies the threads and the queue, the job supplies everything else. A job is its own
 * {@link Runnable}, so dispatching one allocates nothing; the worker reported in events is the
 * thread's name.
 */
abstract sealed class ExecutorBackend implements Backend permits ThreadsBackend, ForkJoinBackend, VirtualThreadsBackend {

    private final String name;
    private final int parallelism;
    final ExecutorService executor;

    ExecutorBackend(String name, int parallelism, ExecutorService executor) {
        this.name = name;
        this.parallelism = parallelism;
        this.executor = executor;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int parallelism() {
        return parallelism;
    }

    @Override
    public void dispatch(Job job) {
        executor.execute(job);
    }

    @Override
    public final void shutdown() {
        executor.shutdown();
    }

    @Override
    public final void shutdownNow() {
        executor.shutdownNow();
    }

    @Override
    public final boolean awaitTermination(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(Timeouts.toNanosSaturated(timeout), TimeUnit.NANOSECONDS);
    }
}
