package dev.spindle;

import dev.spindle.spi.Job;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One accepted task on its way through a backend: the bridge between the backend, which runs it,
 * and the {@link TaskFuture} the user holds.
 *
 * <h2>Implementation overview</h2>
 * A small state machine decides the races between a worker starting the job and a user
 * cancelling its future, in the manner of {@link java.util.concurrent.FutureTask}:
 * <pre>
 *   QUEUED ──start──▶ RUNNING ──finish──▶ DONE
 *     │                  │
 *     │ cancel           │ cancel(true)
 *     ▼                  ▼
 *   CANCELLED        INTERRUPTING ──▶ INTERRUPTED
 * </pre>
 * The future itself is the single source of truth for the result: whoever completes it first
 * (the task's outcome or a cancellation) wins, and the terminal event (finished, failed or
 * cancelled) is emitted by that winner only, so every task has exactly one.
 *
 * <p>Interrupt hygiene: the runner is published before the job is marked RUNNING, so a cancel that
 * sees RUNNING always finds the thread to interrupt. A runner that finishes while a cancel is in
 * INTERRUPTING waits for the interrupt to land and then clears it, so a cancellation never leaks
 * into the worker's next job.
 */
final class PoolJob implements Job {

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
    final TaskFuture<Object> future;

    private volatile int state;
    private volatile Thread runner;
    private volatile Runnable canceller;
    private volatile String worker;

    PoolJob(DispatchPool pool, long id, Task<?> task) {
        this.pool = pool;
        this.id = id;
        this.task = task;
        this.future = new TaskFuture<>(this);
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
    public void runHere(String worker) {
        runner = Thread.currentThread();
        if (!STATE.compareAndSet(this, QUEUED, RUNNING)) {
            runner = null;
            return;
        }
        this.worker = worker;
        pool.started(this, worker);
        Object result = null;
        Throwable failure = null;
        try {
            result = task.call();
        } catch (Throwable t) {
            failure = t;
        }
        runner = null;
        if (!STATE.compareAndSet(this, RUNNING, DONE)) {
            // A cancel(true) won the race: the future is already cancelled. Swallow its interrupt.
            while (state == INTERRUPTING) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            pool.left(this);
            return;
        }
        complete(result, failure);
    }

    @Override
    public boolean start(String worker, Runnable canceller) {
        this.canceller = canceller;
        if (!STATE.compareAndSet(this, QUEUED, RUNNING)) {
            this.canceller = null;
            return false;
        }
        this.worker = worker;
        pool.started(this, worker);
        return true;
    }

    @Override
    public void succeed(Object result) {
        finishRemote(result, null);
    }

    @Override
    public void fail(Throwable error) {
        finishRemote(null, java.util.Objects.requireNonNull(error, "error"));
    }

    private void finishRemote(Object result, Throwable failure) {
        int s = state;
        if (s == DONE || s == QUEUED || s == CANCELLED) {
            return; // not started, or already reported
        }
        if (STATE.compareAndSet(this, RUNNING, DONE)) {
            complete(result, failure);
        } else {
            pool.left(this);
        }
    }

    private void complete(Object result, Throwable failure) {
        if (failure == null) {
            if (future.complete(result)) {
                pool.finished(this, worker);
            }
        } else if (future.completeExceptionally(failure)) {
            pool.failed(this, worker, failure);
        }
        pool.left(this);
    }

    /** Called once the future has been cancelled: stops or drops the job. */
    void onFutureCancelled(boolean mayInterrupt) {
        pool.cancelled(this);
        if (STATE.compareAndSet(this, QUEUED, CANCELLED)) {
            pool.left(this);
            return;
        }
        if (mayInterrupt && STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            try {
                Thread t = runner;
                if (t != null) {
                    t.interrupt();
                }
                Runnable c = canceller;
                if (c != null) {
                    c.run();
                }
            } finally {
                state = INTERRUPTED;
            }
        }
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
        future.cancel(false); // completes the future and emits the cancelled event
        pool.left(this);
        return true;
    }

    @Override
    public String toString() {
        return "Job[" + pool.name() + "#" + id + "]";
    }
}
