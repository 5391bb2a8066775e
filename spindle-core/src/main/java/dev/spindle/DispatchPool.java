package dev.spindle;

import dev.spindle.spi.Backend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The one implementation of {@link Pool}: everything a user sees, over any {@link Backend}.
 *
 * <h2>Implementation overview</h2>
 * A task flows: {@link #submit} wraps it in a {@link PoolJob} (which is also its future),
 * registers the job in {@link #live}, emits {@code Submitted}, and hands it to the backend. A
 * worker later calls {@link PoolJob#runHere} (or {@code start} and {@code succeed}/{@code fail}
 * for remote backends), which emits {@code Started} and the one terminal event. A backend that
 * throws from {@code dispatch} ends the job there: a rejection after close becomes
 * {@link PoolClosedException} at {@code submit}, any other failure fails the returned future.
 * An {@linkplain Task#idempotent idempotent} job whose worker was lost is dispatched again
 * ({@link #retry}); every other task runs at most once.
 *
 * <p>{@link #live} holds at least every job accepted and not yet finished; {@link #closeNow}
 * uses it to cancel what never started, whatever the backend (a fork/join pool, for one, cannot
 * hand back its queued work). Closing sets {@link #closed} before shutting the backend down, so a
 * submission either sees the flag, or reaches the backend before its shutdown and is waited
 * for, or is rejected by it: it is never silently dropped.
 */
final class DispatchPool implements Pool {

    private final Backend backend;
    private final String name;
    private final Listeners listeners = new Listeners();
    private final AtomicLong ids = new AtomicLong();
    private final JobRegistry live = new JobRegistry();
    private final ExecutorServiceView executorView = new ExecutorServiceView(this);
    private volatile boolean closed;

    DispatchPool(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.name = backend.name();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int parallelism() {
        return backend.parallelism();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> submit(Task<T> task) {
        Objects.requireNonNull(task, "task");
        return (CompletableFuture<T>) (CompletableFuture<?>) accept(task, 1);
    }

    @Override
    public CompletableFuture<Void> run(Action action) {
        Objects.requireNonNull(action, "action");
        return submit(() -> {
            action.run();
            return null;
        });
    }

    private PoolJob accept(Task<?> task, int inputs) {
        if (closed) {
            throw new PoolClosedException(name);
        }
        PoolJob job = new PoolJob(this, ids.getAndIncrement(), task);
        backend.checkCarriable(job);
        if (listeners.active()) { // before the job is visible to closeNow, which may cancel it
            listeners.emit(new TaskEvent.Submitted(name, job.id(), System.nanoTime(), inputs));
        }
        FlightEvents.submitted(name, job.id(), inputs);
        live.push(job.slot);
        try {
            backend.dispatch(job);
        } catch (RejectedExecutionException e) {
            if (!job.cancelIfQueued()) {
                return job; // a racing closeNow took it first: accepted, cancelled, reported as never run
            }
            if (!closed) {
                throw e;
            }
            PoolClosedException closedError = new PoolClosedException(name);
            closedError.initCause(e);
            throw closedError;
        } catch (RuntimeException | Error e) {
            // The backend failed while taking the job (it could not start a thread, say): the
            // task ends here, failed with that error, so no future and no registration is left
            // behind. A job some worker already took ends as its worker says.
            job.failQueued(e);
        }
        return job;
    }

    /**
     * An idempotent job whose worker was lost is sent again; if the backend refuses it now (the
     * pool is closing), the job fails with the loss, the refusal attached.
     */
    void retry(PoolJob job, String worker, WorkerLostException lost, int attempt) {
        if (listeners.active() && !job.isDone()) {
            listeners.emit(new TaskEvent.Retrying(name, job.id(), System.nanoTime(), worker, lost, attempt));
        }
        try {
            backend.dispatch(job);
        } catch (RuntimeException | Error e) {
            lost.addSuppressed(e);
            job.failQueued(lost);
        }
    }

    /** Lets the backend run queued work in a thread about to wait for {@code job}. */
    void helpUntilDone(PoolJob job) {
        backend.helpUntilDone(job);
    }

    /** A task of a map, carrying {@code inputs} of its inputs (reported in its submitted event). */
    CompletableFuture<?> submitMapTask(Task<?> task, int inputs) {
        return accept(task, inputs);
    }

    long taskOverheadNanos() {
        return backend.taskOverhead().toNanos();
    }

    @Override
    public <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs, MapOptions options) {
        return mapOver(true, fn, inputs, options);
    }

    @Override
    public <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs) {
        return mapOver(true, fn, inputs, MapOptions.defaults());
    }

    @Override
    public <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Stream<? extends T> inputs, MapOptions options) {
        return mapOver(true, fn, inputs, options);
    }

    @Override
    public <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Stream<? extends T> inputs) {
        return mapOver(true, fn, inputs, MapOptions.defaults());
    }

    @Override
    public <T, R> Stream<R> map(TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, MapOptions options) {
        return BoundedMap.of(true, this, fn, inputs, -1, options);
    }

    @Override
    public <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs, MapOptions options) {
        return mapOver(false, fn, inputs, options);
    }

    @Override
    public <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs) {
        return mapOver(false, fn, inputs, MapOptions.defaults());
    }

    @Override
    public <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Stream<? extends T> inputs, MapOptions options) {
        return mapOver(false, fn, inputs, options);
    }

    @Override
    public <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Stream<? extends T> inputs) {
        return mapOver(false, fn, inputs, MapOptions.defaults());
    }

    @Override
    public <T, R> Stream<R> mapUnordered(TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, MapOptions options) {
        return BoundedMap.of(false, this, fn, inputs, -1, options);
    }

    private <T, R> Stream<R> mapOver(boolean ordered, TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs,
                                     MapOptions options) {
        Objects.requireNonNull(inputs, "inputs");
        return BoundedMap.of(ordered, this, fn, inputs.iterator(), BoundedMap.sizeOf(inputs), options);
    }

    /** Over a stream, read lazily; closing the result closes the input stream. */
    private <T, R> Stream<R> mapOver(boolean ordered, TaskFunction<? super T, ? extends R> fn, Stream<? extends T> inputs,
                                     MapOptions options) {
        Spliterator<? extends T> source = Objects.requireNonNull(inputs, "inputs").spliterator();
        return BoundedMap.<T, R>of(ordered, this, fn, Spliterators.iterator(source), source.getExactSizeIfKnown(), options)
                .onClose(inputs::close);
    }

    @Override
    public Subscription listen(TaskListener listener) {
        return listeners.add(listener);
    }

    @Override
    public ExecutorService asExecutorService() {
        return executorView;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Stops accepting tasks without waiting (the executor view's {@code shutdown}). */
    void shutdown() {
        closed = true;
        backend.shutdown();
    }

    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return backend.awaitTermination(timeout);
    }

    boolean isTerminated() {
        try {
            return closed && backend.awaitTermination(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (backend.ownsCurrentThread()) {
            throw new IllegalStateException("close() called from a task of pool " + name
                    + " would wait for that task forever; close the pool from outside it, or call closeNow()");
        }
        shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (backend.awaitTermination(Duration.ofDays(1))) {
                    break;
                }
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    closeNow();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<Task<?>> closeNow() {
        shutdown();
        // Waiting jobs first: interrupting a running one frees its worker, which must not
        // then start a job that this call is about to report as never run.
        List<PoolJob> unfinished = live.unfinished();
        List<Task<?>> neverRan = new ArrayList<>();
        for (PoolJob job : unfinished) {
            if (job.cancelIfQueued()) {
                neverRan.add(job.task());
            }
        }
        for (PoolJob job : unfinished) {
            if (job.cancelForClose()) {
                neverRan.add(job.task()); // caught as it started, before its task ran
            }
        }
        backend.shutdownNow();
        return neverRan;
    }

    // ---- called by PoolJob ----

    /** Whether anyone listens for task events: a listener, or a flight recording. */
    boolean reportsEvents() {
        return listeners.active() || FlightEvents.recording();
    }

    void started(PoolJob job, String worker) {
        if (listeners.active()) {
            listeners.emit(new TaskEvent.Started(name, job.id(), System.nanoTime(), worker));
        }
        FlightEvents.started(name, job.id(), worker);
    }

    void finished(PoolJob job, String worker) {
        if (listeners.active()) {
            listeners.emit(new TaskEvent.Finished(name, job.id(), System.nanoTime(), worker));
        }
        FlightEvents.ended(name, job.id(), worker, null);
    }

    void failed(PoolJob job, String worker, Throwable error) {
        if (listeners.active()) {
            listeners.emit(new TaskEvent.Failed(name, job.id(), System.nanoTime(), worker, error));
        }
        FlightEvents.ended(name, job.id(), worker, error);
    }

    void cancelled(PoolJob job) {
        if (listeners.active()) {
            listeners.emit(new TaskEvent.Cancelled(name, job.id(), System.nanoTime()));
        }
    }

    @Override
    public String toString() {
        return "Pool[" + name + (closed ? ", closed" : "") + "]";
    }
}
