package dev.spindle.backend;

import dev.spindle.spi.Job;

import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * A new virtual thread for every job. With a concurrency limit, each job's thread first takes a
 * permit from a fair semaphore: the waiting happens in the (cheap) virtual thread, never in the
 * submitter, and jobs start in submission order. The threads are named after the pool, which is
 * also how the backend recognises its own threads.
 */
public final class VirtualThreadsBackend extends ExecutorBackend {

    private final Semaphore permits; // null: no limit
    private final String threadPrefix;

    public VirtualThreadsBackend(int maxConcurrency) {
        this(maxConcurrency, Workers.threadPrefix("virtual"));
    }

    private VirtualThreadsBackend(int maxConcurrency, String threadPrefix) {
        super(maxConcurrency == Integer.MAX_VALUE
                        ? "virtualThreads"
                        : "virtualThreads(" + Workers.requirePositive(maxConcurrency, "maxConcurrency") + ")",
                maxConcurrency,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadPrefix, 0).factory()));
        this.permits = maxConcurrency == Integer.MAX_VALUE ? null : new Semaphore(maxConcurrency, true);
        this.threadPrefix = threadPrefix;
    }

    @Override
    public void dispatch(Job job) {
        if (permits == null) {
            super.dispatch(job);
            return;
        }
        executor.execute(() -> {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                return; // shut down now: the pool has already cancelled this job
            }
            try {
                job.run();
            } finally {
                permits.release();
            }
        });
    }

    @Override
    public boolean ownsCurrentThread() {
        Thread current = Thread.currentThread();
        return current.isVirtual() && current.getName().startsWith(threadPrefix);
    }
}
