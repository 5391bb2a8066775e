package dev.spindle;

import dev.spindle.spi.Job;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One accepted task on its way through a backend. It is at once the future the user holds, the
 * {@link Job} the backend runs, and the {@link Runnable} an executor queues: one object per task,
 * because dispatch cost is what a pool adds to every task (see {@code docs/BENCHMARKS.md}).
 *
 * <h2>Implementation overview</h2>
 * A small state machine decides the races between a worker starting the job and a user
 * cancelling it, in the manner of {@link java.util.concurrent.FutureTask}:
 * <pre>
 *   QUEUED ──start──▶ (STARTING) ──▶ RUNNING ──finish──▶ DONE
 *     │  ▲                │            │ │
 *     │  │       cancel   ▼            │ │ cancel(true)
 *     │  │     CANCELLED_AT_START      │ ▼
 *     │  └────── worker lost ──────────┘ INTERRUPTING ──▶ INTERRUPTED
 *     │ cancel          (idempotent task with attempts left: dispatched again)
 *     ▼
 *   CANCELLED
 * </pre>
 * The future's completion is the single source of truth for the outcome: whoever completes it
 * first (the task's outcome, a failure to dispatch, or a cancellation) wins, and the terminal
 * event (finished, failed or cancelled) is emitted by that winner only, so every task has
 * exactly one. The winner also {@linkplain JobRegistry.Slot#release() releases} the job's
 * registry slot, so the pool keeps nothing of a finished job.
 *
 * <p>Cancelling a waiting job moves it QUEUED to CANCELLED <em>before</em> completing its
 * future, so a worker can never start a task whose future is already cancelled. When anyone
 * listens, a starting worker passes through STARTING while it reports the started event; a
 * cancel that arrives then only marks CANCELLED_AT_START, and the worker, once its started event
 * is out, reports the cancellation and does not run the task: so listeners always see started
 * before cancelled. (Found by the jcstress tests in {@code spindle-jcstress}.)
 *
 * <p>Only the pool completes this future. The public ways to complete a
 * {@link CompletableFuture} from outside ({@code complete}, {@code completeExceptionally},
 * {@code obtrude*}, {@code completeAsync}) throw, since they would end the future while the task
 * runs on and leave it with no terminal event; {@code orTimeout} and {@code completeOnTimeout}
 * return a dependent future that carries the timeout, leaving the task's own future to the task.
 * Cancellation stays: it is how a user stops a task.
 *
 * <p>Publication: {@link #runner}, {@link #worker} and {@link #canceller} are plain fields,
 * written by the starting thread before its compare-and-set to RUNNING and read by a canceller
 * only after its own compare-and-set saw RUNNING; the two CASes order them. {@link #attempt} is
 * written only between a CAS out of RUNNING and the next CAS into it.
 *
 * <p>Interrupt hygiene: a runner that finishes while a cancel is INTERRUPTING waits for the
 * interrupt to land and then clears it, so a cancellation never leaks into the worker's next job.
 *
 * <p>Waiting: {@code get()} and {@code join()} first let the backend run queued work in the
 * waiting thread when that thread is one of its workers ({@link dev.spindle.spi.Backend#helpUntilDone}),
 * which is how a fork/join pool runs recursive submit-and-join without a thread per waiter.
 *
 * <p>Dependent stages ({@code thenApply} and so on) are plain futures, so cancelling one of them
 * does not cancel the task.
 */
final class PoolJob extends CompletableFuture<Object> implements Job {

    /** The worker named in the failed event of a job that failed before any worker took it. */
    static final String NO_WORKER = "none";

    private static final int QUEUED = 0;
    private static final int STARTING = 1;
    private static final int RUNNING = 2;
    private static final int INTERRUPTING = 3;
    private static final int INTERRUPTED = 4;
    private static final int DONE = 5;
    private static final int CANCELLED = 6;
    private static final int CANCELLED_AT_START = 7;

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
    /** The job's place among its pool's live jobs; final, so whoever finds the job there sees it. */
    final JobRegistry.Slot slot = new JobRegistry.Slot(this);

    private volatile int state;
    private Thread runner;
    private Runnable canceller;
    private String worker = NO_WORKER;
    private int attempt = 1;

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
        if (!begin()) {
            return; // cancelled while it waited, or as it started
        }
        Object result = null;
        Throwable failure = null;
        try {
            result = task.call();
        } catch (Throwable t) {
            failure = t;
        }
        // Completing the future first saves a CAS: if it wins, no cancel can start any more (a
        // cancel of a job that left the queue begins by completing the future), so a plain
        // release store ends it.
        if (settle(result, failure)) {
            STATE.setRelease(this, DONE);
            reportEnd(failure);
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
        this.canceller = Objects.requireNonNull(canceller, "canceller");
        this.worker = Objects.requireNonNull(worker, "worker");
        return begin();
    }

    /**
     * Moves a waiting job to RUNNING and reports it started; whether the task may now run. With
     * listeners, the started event goes out in STARTING, and a cancel that came meanwhile is
     * reported here, after it.
     */
    private boolean begin() {
        if (!pool.reportsEvents()) {
            return STATE.compareAndSet(this, QUEUED, RUNNING);
        }
        if (!STATE.compareAndSet(this, QUEUED, STARTING)) {
            return false;
        }
        pool.started(this, worker);
        if (STATE.compareAndSet(this, STARTING, RUNNING)) {
            return true;
        }
        state = CANCELLED; // a cancel marked CANCELLED_AT_START and left its event to us
        pool.cancelled(this);
        return false;
    }

    @Override
    public void succeed(Object result) {
        if (STATE.compareAndSet(this, RUNNING, DONE) && settle(result, null)) {
            reportEnd(null);
        }
    }

    @Override
    public void fail(Throwable error) {
        Objects.requireNonNull(error, "error");
        if (error instanceof WorkerLostException lost && attemptsLeft()
                && STATE.compareAndSet(this, RUNNING, QUEUED)) {
            if (isDone()) {
                // Cancelled meanwhile: the cancel finds the job QUEUED (or found it RUNNING) and
                // reports it; nothing is sent again.
                return;
            }
            attempt++;
            pool.retry(this, worker, lost, attempt);
            return;
        }
        if (STATE.compareAndSet(this, RUNNING, DONE) && settle(null, error)) {
            reportEnd(error);
        }
    }

    private boolean attemptsLeft() {
        return task instanceof IdempotentTask<?> idempotent && attempt < idempotent.maxAttempts();
    }

    /**
     * Fails a job that no worker has taken: its dispatch failed, or a retry could not be
     * dispatched. The failed event names no worker.
     *
     * @return whether the job was still waiting, and so ended here
     */
    boolean failQueued(Throwable error) {
        if (!STATE.compareAndSet(this, QUEUED, DONE)) {
            return false;
        }
        worker = NO_WORKER;
        if (settle(null, error)) {
            reportEnd(error);
        }
        return true;
    }

    /** Completes the future with the outcome, as only the pool may; whether this call did it. */
    private boolean settle(Object result, Throwable failure) {
        return failure == null ? super.complete(result) : super.completeExceptionally(failure);
    }

    private void reportEnd(Throwable failure) {
        slot.release();
        if (failure == null) {
            pool.finished(this, worker);
        } else {
            pool.failed(this, worker, failure);
        }
    }

    /**
     * Cancels the task: a waiting one is dropped when a worker reaches it, a running one is
     * interrupted when {@code mayInterruptIfRunning} (or its remote canceller is called).
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (cancelIfQueued()) {
            return true;
        }
        // Not super.cancel: it answers true for a future already cancelled, and only the call
        // that cancels may report it. Completing with a CancellationException is cancelling.
        if (!super.completeExceptionally(new CancellationException())) {
            return isCancelled();
        }
        afterCancelling(mayInterruptIfRunning);
        return true;
    }

    /**
     * For {@code closeNow}, on a job that has left the queue: cancels it and interrupts it.
     *
     * @return whether its task never ran (it was caught as it started, or sent back to the queue)
     */
    boolean cancelForClose() {
        if (cancelIfQueued()) {
            return true;
        }
        return super.completeExceptionally(new CancellationException()) && afterCancelling(true);
    }

    /**
     * After this thread cancelled the future of a job that had left the queue: reports it, and
     * interrupts the task if it runs.
     *
     * @return whether the task never ran
     */
    private boolean afterCancelling(boolean mayInterruptIfRunning) {
        slot.release();
        while (true) {
            int now = state;
            if (now == QUEUED && cancelIfQueuedAfterCompletion()) {
                return true; // sent back to the queue by a retry in the meantime
            }
            if (now == STARTING && STATE.compareAndSet(this, STARTING, CANCELLED_AT_START)) {
                return true; // the starting worker reports it, after its started event, and does not run it
            }
            if (now == CANCELLED || now == CANCELLED_AT_START) {
                return false; // a racing cancel of the waiting job moved it first, and reports it
            }
            if (now != QUEUED && now != STARTING) {
                break;
            }
        }
        pool.cancelled(this);
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
        return false;
    }

    /**
     * Cancels the job if no worker has taken it yet (also how {@code closeNow} cancels what
     * waits): the state moves first, so no worker can start it, then the future completes.
     *
     * @return whether it was still waiting, and so never ran
     */
    boolean cancelIfQueued() {
        if (!STATE.compareAndSet(this, QUEUED, CANCELLED)) {
            return false;
        }
        super.completeExceptionally(new CancellationException()); // nothing else completes a QUEUED job
        slot.release();
        pool.cancelled(this);
        return true;
    }

    private boolean cancelIfQueuedAfterCompletion() {
        if (!STATE.compareAndSet(this, QUEUED, CANCELLED)) {
            return false;
        }
        pool.cancelled(this);
        return true;
    }

    // ---- waiting: the backend may run queued work in a waiting worker ----

    @Override
    public Object get() throws InterruptedException, ExecutionException {
        if (!isDone()) {
            pool.helpUntilDone(this);
        }
        return super.get();
    }

    @Override
    public Object join() {
        if (!isDone()) {
            pool.helpUntilDone(this);
        }
        return super.join();
    }

    // ---- only the pool completes this future ----

    private UnsupportedOperationException completedByItsTask() {
        return new UnsupportedOperationException("the future of task " + id + " of pool " + pool.name()
                + " is completed by the task alone; cancel(true) stops the task, and a copy() can be completed freely");
    }

    /** @throws UnsupportedOperationException always: only the task completes its future */
    @Override
    public boolean complete(Object value) {
        throw completedByItsTask();
    }

    /** @throws UnsupportedOperationException always: only the task completes its future */
    @Override
    public boolean completeExceptionally(Throwable ex) {
        throw completedByItsTask();
    }

    /** @throws UnsupportedOperationException always: only the task completes its future */
    @Override
    public void obtrudeValue(Object value) {
        throw completedByItsTask();
    }

    /** @throws UnsupportedOperationException always: only the task completes its future */
    @Override
    public void obtrudeException(Throwable ex) {
        throw completedByItsTask();
    }

    /** @throws UnsupportedOperationException always: only the task completes its future */
    @Override
    public CompletableFuture<Object> completeAsync(Supplier<?> supplier, Executor executor) {
        throw completedByItsTask();
    }

    /** @throws UnsupportedOperationException always: only the task completes its future */
    @Override
    public CompletableFuture<Object> completeAsync(Supplier<?> supplier) {
        throw completedByItsTask();
    }

    /**
     * A dependent future that fails with a {@link java.util.concurrent.TimeoutException} if the
     * task has not finished within the timeout. Unlike on a plain {@code CompletableFuture}, this
     * future itself is left to the task, which runs on (cancel it to stop it).
     */
    @Override
    public CompletableFuture<Object> orTimeout(long timeout, TimeUnit unit) {
        return copy().orTimeout(timeout, unit);
    }

    /**
     * A dependent future completed with {@code value} if the task has not finished within the
     * timeout. This future itself is left to the task, which runs on.
     */
    @Override
    public CompletableFuture<Object> completeOnTimeout(Object value, long timeout, TimeUnit unit) {
        return copy().completeOnTimeout(value, timeout, unit);
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
