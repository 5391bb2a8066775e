package dev.spindle;

import dev.spindle.spi.Job;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * One accepted task on its way through a backend. It is at once the future the user holds, the
 * {@link Job} the backend runs, and the {@link Runnable} an executor queues: one object per task,
 * because dispatch cost is what a pool adds to every task (see {@code docs/BENCHMARKS.md}).
 *
 * <h2>Implementation overview</h2>
 * A small state machine decides the races between a worker starting the job and a user
 * cancelling it, in the manner of {@link java.util.concurrent.FutureTask}:
 * <pre>
 *   QUEUED ──start──▶ RUNNING ──finish──▶ DONE
 *     │                  │
 *     │ cancel           │ cancel(true)
 *     ▼                  ▼
 *   CANCELLED        INTERRUPTING ──▶ INTERRUPTED
 * </pre>
 * The future's completion is the single source of truth for the outcome: whoever completes it
 * first (the task's outcome or a cancellation) wins, and the terminal event (finished, failed or
 * cancelled) is emitted by that winner only, so every task has exactly one.
 *
 * <p>Publication: {@link #runner}, {@link #worker} and {@link #canceller} are plain fields,
 * written by the starting thread before its compare-and-set to RUNNING and read by a canceller
 * only after its own compare-and-set saw RUNNING; the two CASes order them.
 *
 * <p>Interrupt hygiene: a runner that finishes while a cancel is INTERRUPTING waits for the
 * interrupt to land and then clears it, so a cancellation never leaks into the worker's next job.
 *
 * <p>Dependent stages ({@code thenApply} and so on) are plain futures, so cancelling one of them
 * does not cancel the task.
 */
final class PoolJob extends CompletableFuture<Object> implements Job {

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;
    private static final int DONE = 4;
    private static final int CANCELLED = 5;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PoolJob.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DispatchPool pool;
    private final long id;
    private final Task<?> task;

    private volatile int state;
    private Thread runner;
    private Runnable canceller;
    private String worker;

    /** The next job in the pool's registry of live jobs; see {@link JobRegistry}. */
    PoolJob next;
    /** How many jobs were below this one in the registry when it was pushed. */
    int depth;

    PoolJob(DispatchPool pool, long id, Task<?> task) {
        this.pool = pool;
        this.id = id;
        this.task = task;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Task<?> task() {
        return task;
    }

    @Override
    public void run() {
        runHere(Thread.currentThread().getName());
    }

    @Override
    public void runHere(String worker) {
        runner = Thread.currentThread();
        this.worker = worker;
        if (!STATE.compareAndSet(this, QUEUED, RUNNING)) {
            return; // cancelled while it waited
        }
        pool.started(this, worker);
        Object result = null;
        Throwable failure = null;
        try {
            result = task.call();
        } catch (Throwable t) {
            failure = t;
        }
        // Completing the future first saves a CAS: if it wins, no cancel can start any more
        // (cancel begins by trying to complete the future), so a plain release store ends it.
        if (failure == null ? complete(result) : completeExceptionally(failure)) {
            STATE.setRelease(this, DONE);
            if (failure == null) {
                pool.finished(this, worker);
            } else {
                pool.failed(this, worker, failure);
            }
        } else if (!STATE.compareAndSet(this, RUNNING, DONE)) {
            // A cancel(true) won the race and is interrupting this thread: wait for the
            // interrupt to land, then clear it so it cannot reach the worker's next job.
            while (state == INTERRUPTING) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
        }
    }

    @Override
    public boolean start(String worker, Runnable canceller) {
        this.canceller = canceller;
        this.worker = worker;
        if (!STATE.compareAndSet(this, QUEUED, RUNNING)) {
            return false;
        }
        pool.started(this, worker);
        return true;
    }

    @Override
    public void succeed(Object result) {
        if (STATE.compareAndSet(this, RUNNING, DONE)) {
            finish(result, null);
        }
    }

    @Override
    public void fail(Throwable error) {
        java.util.Objects.requireNonNull(error, "error");
        if (STATE.compareAndSet(this, RUNNING, DONE)) {
            finish(null, error);
        }
    }

    private void finish(Object result, Throwable failure) {
        if (failure == null) {
            if (complete(result)) {
                pool.finished(this, worker);
            }
        } else if (completeExceptionally(failure)) {
            pool.failed(this, worker, failure);
        }
    }

    /**
     * Cancels the task: a waiting one is dropped when a worker reaches it, a running one is
     * interrupted when {@code mayInterruptIfRunning} (or its remote canceller is called).
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (!super.cancel(mayInterruptIfRunning)) {
            return false;
        }
        pool.cancelled(this);
        if (STATE.compareAndSet(this, QUEUED, CANCELLED)) {
            return true;
        }
        if (mayInterruptIfRunning && STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            try {
                if (canceller != null) {
                    canceller.run();
                } else if (runner != null) {
                    runner.interrupt();
                }
            } finally {
                state = INTERRUPTED;
            }
        }
        return true;
    }

    /**
     * For {@code closeNow}: cancels the job if no worker has taken it yet.
     *
     * @return whether it was still waiting, and so never ran
     */
    boolean cancelIfQueued() {
        if (!STATE.compareAndSet(this, QUEUED, CANCELLED)) {
            return false;
        }
        cancel(false); // completes the future and emits the cancelled event; the state is already CANCELLED
        return true;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public String toString() {
        String future = super.toString();
        return "Job[" + pool.name() + "#" + id + "]" + future.substring(future.indexOf('['));
    }
}
