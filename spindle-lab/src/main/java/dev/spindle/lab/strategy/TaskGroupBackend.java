package dev.spindle.lab.strategy;

import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;
import dev.spindle.structured.TaskGroup;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>The count of running jobs rises under the lock (so the group is never replaced while a job
 * is being forked into it) and falls without it, so the ends of thousands of jobs do not queue on
 * the lock that forks the next ones; the last to end takes it, to wake a waiting
 * {@code awaitTermination}, which checks the count under the lock.
 *
 * <p>A job never throws (it completes its future instead), so the group's fail-fast policy never
 * fires here: a failed task fails its future, as on every pool. {@link #shutdownNow()} cancels the
 * group, which interrupts every running subtask.
 */
final class TaskGroupBackend implements Backend {

    /** The backend whose job the current thread runs, if any: how {@link #ownsCurrentThread} knows its own. */
    private static final ThreadLocal<TaskGroupBackend> RUNNING_FOR = new ThreadLocal<>();

    private final Thread owner = Thread.currentThread();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private TaskGroup<Void> group = TaskGroup.open(); // guarded by lock
    private final AtomicInteger running = new AtomicInteger(); // rises under lock, falls without (see above)
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
        TaskGroup<Void> finished = null;
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("the taskgroup pool is shut down");
            }
            if (running.get() == 0 && Thread.currentThread() == owner) {
                finished = group; // the previous run's subtasks have all ended: a fresh group for this one
                group = TaskGroup.open();
            }
            running.incrementAndGet();
            try {
                group.fork(() -> {
                    RUNNING_FOR.set(this);
                    try {
                        job.runHere(Thread.currentThread().getName());
                    } finally {
                        RUNNING_FOR.remove();
                        finished();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                finished();
                throw e;
            }
        } finally {
            lock.unlock();
        }
        if (finished != null) {
            finished.close(); // outside the lock: its threads may still be taking it, on their way out
        }
    }

    /** A job has ended: only the last one takes the lock, to wake {@link #awaitTermination}. */
    private void finished() {
        if (running.decrementAndGet() == 0) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public boolean ownsCurrentThread() {
        return RUNNING_FOR.get() == this;
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
        TaskGroup<Void> last;
        lock.lock();
        try {
            while (running.get() > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            last = group;
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == owner) {
            last.close(); // joins the threads of the jobs that have ended, outside the lock as in dispatch
        }
        return true;
    }
}
