package dev.spindle.lab.strategy;

import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;
import dev.spindle.structured.TaskGroup;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lab's {@code taskgroup} strategy as a {@link Backend}: every job is forked as a subtask of a
 * {@link TaskGroup}, in a virtual thread of its own, with nothing bounding how many run at once:
 * structured concurrency's "one thread per concurrent thing", as {@code asyncio.gather} starts one
 * coroutine per awaitable.
 *
 * <h2>Which group</h2>
 * A group belongs to the thread that opened it, and only that thread may close it; here, the
 * thread that opens the pool, which is the one that runs the workload and closes the pool. The
 * group lives until the next time that thread dispatches a job while none runs, which in the lab
 * is the start of the next run: the backend then closes the group (joining every thread it
 * started) and opens a fresh one, so a group never holds more than one run's subtasks.
 * {@link #awaitTermination} closes the last group when the owner calls it.
 *
 * <p>A job never throws (it completes its future instead), so the group's fail-fast policy never
 * fires here: a failed task fails its future, as on every pool. {@link #shutdownNow()} cancels the
 * group, which interrupts every running subtask.
 */
final class TaskGroupBackend implements Backend {

    private final Thread owner = Thread.currentThread();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private TaskGroup<Void> group = TaskGroup.open(); // guarded by lock
    private int running;                              // guarded by lock
    private boolean shutdown;                         // guarded by lock

    @Override
    public String name() {
        return "taskgroup";
    }

    @Override
    public int parallelism() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void dispatch(Job job) {
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("the taskgroup pool is shut down");
            }
            if (running == 0 && Thread.currentThread() == owner) {
                group.close(); // the previous run's subtasks have all finished: join their threads
                group = TaskGroup.open();
            }
            running++;
            try {
                group.fork(() -> {
                    try {
                        job.runHere(Thread.currentThread().getName());
                    } finally {
                        finished();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                running--;
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void finished() {
        lock.lock();
        try {
            if (--running == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean ownsCurrentThread() {
        return Thread.currentThread().isVirtual() && Thread.currentThread().getName().startsWith("taskgroup-");
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdownNow() {
        TaskGroup<Void> current;
        lock.lock();
        try {
            shutdown = true;
            current = group;
        } finally {
            lock.unlock();
        }
        current.cancel();
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (running > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            if (Thread.currentThread() == owner) {
                group.close();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
