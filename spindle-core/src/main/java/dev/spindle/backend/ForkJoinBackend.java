package dev.spindle.backend;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ForkJoinPool} of n workers: each has its own deque and steals from the others when
 * idle. A task that submits subtasks to the same pool and waits for them (recursive splitting)
 * does not starve it: a worker blocked on a future is compensated by the pool.
 */
public final class ForkJoinBackend extends ExecutorBackend {

    /** The most workers a {@link ForkJoinPool} takes: its {@code MAX_CAP}, which is not public. */
    private static final int MAX_WORKERS = 0x7fff;

    public ForkJoinBackend(int workers) {
        super("forkJoin(" + Workers.requireAtMost(Workers.requirePositive(workers, "workers"), MAX_WORKERS, "workers") + ")",
                workers, executor(workers));
    }

    private static ForkJoinPool executor(int workers) {
        String prefix = Workers.threadPrefix("forkjoin");
        AtomicInteger started = new AtomicInteger(); // not getPoolIndex(): it is assigned only once the thread runs
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName(prefix + started.getAndIncrement());
            return thread;
        };
        return new ForkJoinPool(workers, factory, null, false);
    }

    @Override
    public boolean ownsCurrentThread() {
        return Thread.currentThread() instanceof ForkJoinWorkerThread worker && worker.getPool() == executor;
    }
}
