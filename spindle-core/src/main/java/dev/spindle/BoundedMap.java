package dev.spindle;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Gatherer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy, bounded {@code map} and {@code mapUnordered} of every pool.
 *
 * <h2>Implementation overview</h2>
 * Each returns a sequential stream over a spliterator (a {@link Window}) that pulls from the
 * input only when the consumer asks for the next result. Before it waits, it tops the window up
 * to {@code inFlight} submitted tasks, so the workers stay busy while the consumer works, and the
 * input is never read further ahead than that: memory is constant on an infinite input.
 *
 * <p>A task carries one input ({@link ApplyTask}) or a chunk of consecutive inputs
 * ({@link ChunkTask}). With an automatic chunk size (the default) every task is a chunk that
 * also reports how long its inputs took where it ran, and a {@link ChunkSizer} sizes the next
 * chunks from that. A chunk that fails reports the offset of the failing element
 * ({@link ChunkFailure}), so the error names the input's index either way, for an {@code Error}
 * as for an exception.
 *
 * <p>Nothing keeps running for a consumer that has gone. The window cancels every task still in
 * it on a failure, on an interrupt while waiting (the task waited for included), when reading the
 * input throws, and when the stream is closed; a pass-through {@link Gatherer} after the window
 * ({@link #watching}) sees the consumer stop early ({@code limit}, {@code findFirst},
 * {@code anyMatch}: its finisher runs) or throw, and cancels them too. Only a consumer that
 * abandons the stream's {@code iterator()} half-way, without closing the stream, leaves the
 * window's tasks to finish on their own.
 */
final class BoundedMap {

    private BoundedMap() {}

    /** The map over {@code inputs}: in input order if {@code ordered}, else in completion order. */
    static <T, R> Stream<R> of(boolean ordered, DispatchPool pool, TaskFunction<? super T, ? extends R> fn,
                               Iterator<? extends T> inputs, long size, MapOptions options) {
        return watching(ordered
                ? new Ordered<>(pool, fn, inputs, size, options)
                : new Unordered<>(pool, fn, inputs, size, options));
    }

    /** The number of inputs, when the input says: -1 otherwise. */
    static long sizeOf(Iterable<?> inputs) {
        return inputs instanceof Collection<?> collection ? collection.size() : -1;
    }

    private static <R> Stream<R> watching(Window<?, R> window) {
        Gatherer<R, Void, R> watcher = Gatherer.ofSequential(
                (nothing, result, downstream) -> {
                    boolean more;
                    try {
                        more = downstream.push(result);
                    } catch (RuntimeException | Error e) {
                        window.cancelAll();
                        throw e;
                    }
                    if (!more) {
                        window.cancelAll();
                    }
                    return more;
                },
                (nothing, downstream) -> window.cancelAll());
        return StreamSupport.stream(window, false).gather(watcher).onClose(window::cancelAll);
    }

    /** One submitted task: the index of its first input, how many inputs it carries, its future. */
    private record InFlight(long firstIndex, int inputs, CompletableFuture<?> future) {}

    /** The part shared by both orders: reading the input, submitting, cancelling, unwrapping. */
    private abstract static class Window<T, R> extends Spliterators.AbstractSpliterator<R> {

        final DispatchPool pool;
        final TaskFunction<? super T, ? extends R> fn;
        final Iterator<? extends T> inputs;
        final int inFlight;
        private final int fixedChunk;   // 0: automatic
        private final ChunkSizer sizer; // null: fixed
        private List<R> ready = List.of(); // results of the last chunk not yet consumed (may hold nulls)
        private int readyAt;
        private long nextIndex;
        private RuntimeException failure; // what ended the map; thrown once the results before it are delivered
        private boolean failedAhead;      // a submitted task is known to have failed: submit no more

        Window(DispatchPool pool, TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, long size,
               MapOptions options) {
            super(Long.MAX_VALUE, ORDERED);
            this.pool = pool;
            this.fn = Objects.requireNonNull(fn, "fn");
            this.inputs = Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(options, "options");
            this.inFlight = options.inFlight(pool.parallelism());
            this.fixedChunk = options.isChunkSizeAutomatic() ? 0 : options.chunkSize();
            this.sizer = fixedChunk == 0 ? new ChunkSizer(pool.taskOverheadNanos(), size, pool.parallelism()) : null;
        }

        /** Submits the next task from the input; returns its future, or {@code null} when the input is exhausted. */
        private CompletableFuture<?> submitNext() {
            if (!inputs.hasNext()) {
                return null;
            }
            long first = nextIndex;
            CompletableFuture<?> future;
            int count;
            if (fixedChunk == 1) {
                count = 1;
                future = pool.submitMapTask(new ApplyTask<>(fn, inputs.next()), 1);
            } else {
                int chunkSize = fixedChunk > 0 ? fixedChunk : sizer.next();
                ArrayList<T> chunk = new ArrayList<>(chunkSize);
                while (chunk.size() < chunkSize && inputs.hasNext()) {
                    chunk.add(inputs.next());
                }
                count = chunk.size();
                future = pool.submitMapTask(new ChunkTask<>(fn, chunk), count);
            }
            nextIndex += count;
            enqueued(new InFlight(first, count, future));
            return future;
        }

        /**
         * Waits for a task's outcome and hands its results to the consumer. On an interrupt or a
         * failure every task in the window is cancelled, this one included, before the exception
         * is thrown; a chunk that failed part-way first delivers the results before the failure.
         */
        @SuppressWarnings("unchecked")
        final void deliver(InFlight task, Consumer<? super R> action) {
            Object value;
            try {
                value = task.future().get();
            } catch (InterruptedException e) {
                cancelAll();
                Thread.currentThread().interrupt();
                throw new CancellationException("map was interrupted while waiting for a result; its tasks were cancelled");
            } catch (ExecutionException e) {
                cancelAll();
                Throwable cause = e.getCause();
                if (!(cause instanceof ChunkFailure chunk)) {
                    throw new MapFailedException(task.firstIndex(), cause);
                }
                MapFailedException failed = new MapFailedException(task.firstIndex() + chunk.offset, chunk.getCause());
                if (chunk.before.isEmpty()) {
                    throw failed;
                }
                failure = failed;
                value = new Batch<>(chunk.before, -1);
            } catch (CancellationException e) {
                cancelAll();
                throw new MapFailedException(task.firstIndex(), e);
            }
            if (fixedChunk == 1) {
                action.accept((R) value);
                return;
            }
            Batch<R> batch = (Batch<R>) value;
            if (sizer != null && batch.nanos() >= 0) {
                sizer.finished(batch.results().size(), batch.nanos());
            }
            ready = batch.results();
            readyAt = 1;
            action.accept(ready.getFirst());
        }

        @Override
        public final boolean tryAdvance(Consumer<? super R> action) {
            if (readyAt < ready.size()) {
                action.accept(ready.get(readyAt++));
                return true;
            }
            if (failure != null) {
                throw failure; // after the results that came before it in its chunk, and on every later read
            }
            try {
                // Topping the window up, until a task is seen to have failed already: the read that
                // reaches it will throw, so inputs after it would only be wasted work. On a pool that
                // runs tasks in the caller, this is also what stops the map when the caller is
                // interrupted: the task that received the interrupt failed with it.
                while (!failedAhead && inFlightCount() < inFlight) {
                    CompletableFuture<?> submitted = submitNext();
                    if (submitted == null) {
                        break;
                    }
                    failedAhead = submitted.isCompletedExceptionally();
                }
                return advance(action);
            } catch (RuntimeException | Error e) {
                cancelAll();
                if (failure == null && (e instanceof MapFailedException || e instanceof CancellationException)) {
                    failure = (RuntimeException) e; // the map is over: reading on throws the same
                }
                throw e;
            }
        }

        abstract int inFlightCount();

        abstract void enqueued(InFlight task);

        abstract boolean advance(Consumer<? super R> action);

        abstract void cancelAll();
    }

    private static final class Ordered<T, R> extends Window<T, R> {

        private final ArrayDeque<InFlight> window = new ArrayDeque<>();

        Ordered(DispatchPool pool, TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, long size,
                MapOptions options) {
            super(pool, fn, inputs, size, options);
        }

        @Override
        int inFlightCount() {
            return window.size();
        }

        @Override
        void enqueued(InFlight task) {
            window.add(task);
        }

        @Override
        boolean advance(Consumer<? super R> action) {
            InFlight head = window.peek();
            if (head == null) {
                return false;
            }
            deliver(head, action); // stays in the window while waited for, so an interrupt cancels it too
            window.poll();
            return true;
        }

        @Override
        void cancelAll() {
            for (InFlight task; (task = window.poll()) != null; ) {
                task.future().cancel(true);
            }
        }
    }

    private static final class Unordered<T, R> extends Window<T, R> {

        private final ArrayDeque<InFlight> pending = new ArrayDeque<>();
        private final LinkedBlockingQueue<InFlight> completed = new LinkedBlockingQueue<>();

        Unordered(DispatchPool pool, TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, long size,
                  MapOptions options) {
            super(pool, fn, inputs, size, options);
        }

        @Override
        int inFlightCount() {
            return pending.size();
        }

        @Override
        void enqueued(InFlight task) {
            pending.add(task);
            task.future().whenComplete((value, error) -> completed.add(task));
        }

        @Override
        boolean advance(Consumer<? super R> action) {
            if (pending.isEmpty()) {
                return false;
            }
            InFlight done;
            try {
                done = completed.take();
            } catch (InterruptedException e) {
                cancelAll();
                Thread.currentThread().interrupt();
                throw new CancellationException("mapUnordered was interrupted while waiting for a result; its tasks were cancelled");
            }
            pending.remove(done);
            deliver(done, action);
            return true;
        }

        @Override
        void cancelAll() {
            for (InFlight task; (task = pending.poll()) != null; ) {
                task.future().cancel(true);
            }
        }
    }

    /** The task for one input. A record, so it serialises with its function and input. */
    private record ApplyTask<T, R>(TaskFunction<? super T, ? extends R> fn, T input) implements Task<R> {
        @Override
        public R call() throws Exception {
            return fn.apply(input);
        }
    }

    /** The results of a chunk, in input order, and how long computing them took where it ran. */
    record Batch<R>(List<R> results, long nanos) implements Serializable {}

    /** The task for a chunk of consecutive inputs. */
    private record ChunkTask<T, R>(TaskFunction<? super T, ? extends R> fn, ArrayList<T> inputs) implements Task<Batch<R>> {
        @Override
        public Batch<R> call() throws ChunkFailure {
            long start = System.nanoTime();
            List<R> results = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    results.add(fn.apply(inputs.get(i)));
                } catch (Throwable t) {
                    throw new ChunkFailure(i, t, results);
                }
            }
            return new Batch<>(results, System.nanoTime() - start);
        }
    }

    /**
     * Carries the offset, within its chunk, of the element whose function threw, and the results
     * of the elements before it, which the consumer still receives.
     */
    static final class ChunkFailure extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;
        final int offset;
        @SuppressWarnings("serial") // an ArrayList of results: serialisable when the results are
        final List<?> before;

        ChunkFailure(int offset, Throwable cause, List<?> before) {
            super("element " + offset + " of its chunk failed", cause);
            this.offset = offset;
            this.before = before;
        }
    }
}
