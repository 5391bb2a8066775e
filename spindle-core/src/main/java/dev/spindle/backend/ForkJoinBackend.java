package dev.spindle.backend;

import dev.spindle.spi.Job;

import java.io.Serial;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ForkJoinPool} of n workers: each has its own deque and steals from the others when
 * idle.
 *
 * <h2>Recursive submit-and-join</h2>
 * A task that submits subtasks to its own pool and waits for them must not take a thread per
 * waiting task. Two things keep it as fork/join does:
 * <ul>
 *   <li>A subtask submitted from a worker goes to that worker's own deque ({@code execute} from
 *       a worker pushes locally), and a worker about to wait for a job first runs queued work
 *       itself ({@link #helpUntilDone}): the subtask it waits for is usually on top of its own
 *       deque, so it runs in place, with no thread switch and no new thread. Only the worker's own
 *       queued tasks run so, as {@code ForkJoinTask.join} does, never another worker's.</li>
 *   <li>When there is nothing left to run and the job is still not done (another worker stole
 *       it and is running it), the waiter blocks, and the pool may start a spare thread to keep
 *       work going (the JDK's pool does so once a single worker is left running). Spares are bounded ({@value #SPARE_THREADS}); at the bound the
 *       waiting call fails with a {@link RejectedExecutionException} that says so, instead of
 *       the thousands of threads an unbounded pool would start.</li>
 * </ul>
 */
public final class ForkJoinBackend extends ExecutorBackend {

    /** The most threads the pool starts beyond its workers to replace blocked ones. */
    static final int SPARE_THREADS = 256;

    /** ForkJoinPool's own limit on its parallelism. */
    static final int MAX_WORKERS = 0x7fff;

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
        String name = "forkJoin(" + workers + ")";
        return new ForkJoinPool(workers, factory, null, false, 0, Math.min(MAX_WORKERS, workers + SPARE_THREADS), 1,
                pool -> {
                    throw new RejectedExecutionException(name + ": every worker is blocked waiting, and the "
                            + SPARE_THREADS + " spare threads it may start to replace blocked workers are all blocked"
                            + " too; wait for subtasks with get() or join() on their futures (the waiting worker then"
                            + " runs them), or block less inside tasks");
                },
                60, TimeUnit.SECONDS);
    }

    @Override
    public void helpUntilDone(Job job) {
        if (ownsCurrentThread()) {
            Helper.runQueuedWorkUntilDone(job);
        }
    }

    @Override
    public boolean ownsCurrentThread() {
        return Thread.currentThread() instanceof ForkJoinWorkerThread worker && worker.getPool() == executor;
    }

    /**
     * A subclass only to reach {@link ForkJoinTask#pollNextLocalTask()}, which takes the newest
     * task the current worker queued itself: the waiting task's own subtasks, the one it waits
     * for usually on top. Only local tasks, as {@code ForkJoinTask.join} runs them: a task that
     * waits never runs another worker's unrelated work inside its own call, where a cancel of the
     * waiting task would interrupt it and nesting would grow with the queue. Never instantiated.
     */
    private abstract static class Helper extends ForkJoinTask<Void> {
        @Serial
        private static final long serialVersionUID = 1L;

        static void runQueuedWorkUntilDone(Job job) {
            // Stop at an interrupt: it belongs to the task that is waiting, which must see it.
            while (!job.isDone() && !Thread.currentThread().isInterrupted()) {
                ForkJoinTask<?> next = pollNextLocalTask();
                if (next == null) {
                    return;
                }
                next.quietlyInvoke();
            }
        }
    }
}
