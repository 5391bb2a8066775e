package dev.spindle;

import java.io.Serial;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy, bounded {@code map} and {@code mapUnordered} of every pool.
 *
 * <h2>Implementation overview</h2>
 * Each returns a sequential stream over a spliterator that pulls from the input only when the
 * consumer asks for the next result. Before it waits, it tops the window up to
 * {@code inFlight} submitted tasks, so the workers stay busy while the consumer works, and the
 * input is never read further ahead than that: memory is constant on an infinite input.
 *
 * <p>A task carries one input, or {@code chunkSize} consecutive inputs ({@link ChunkTask}) when
 * dispatching a task costs more than the work of one element. A chunk that fails reports the
 * offset of the failing element ({@link ChunkFailure}), so the error names the input's index
 * either way.
 *
 * <p>On a failure, on an interrupt while waiting, and when the stream is closed, every task still
 * in the window is cancelled: nothing keeps running for a consumer that has gone.
 */
final class BoundedMap {

    private BoundedMap() {}

    static <T, R> Stream<R> ordered(DispatchPool pool, TaskFunction<? super T, ? extends R> fn,
                                    Iterator<? extends T> inputs, MapOptions options) {
        return stream(new Ordered<>(pool, fn, inputs, options));
    }

    static <T, R> Stream<R> unordered(DispatchPool pool, TaskFunction<? super T, ? extends R> fn,
                                      Iterator<? extends T> inputs, MapOptions options) {
        return stream(new Unordered<>(pool, fn, inputs, options));
    }

    private static <R> Stream<R> stream(Window<?, R> window) {
        return StreamSupport.stream(window, false).onClose(window::cancelAll);
    }

    /** One submitted task: the index of its first input, and its future. */
    private record InFlight(long firstIndex, CompletableFuture<?> future) {}

    /** The part shared by both orders: reading the input, submitting, cancelling, unwrapping. */
    private abstract static class Window<T, R> extends Spliterators.AbstractSpliterator<R> {

        final DispatchPool pool;
        final TaskFunction<? super T, ? extends R> fn;
        final Iterator<? extends T> inputs;
        final int inFlight;
        final int chunkSize;
        private List<R> ready = List.of(); // results of the last chunk not yet consumed (may hold nulls)
        private int readyAt;
        private long nextIndex;

        Window(DispatchPool pool, TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, MapOptions options) {
            super(Long.MAX_VALUE, ORDERED);
            this.pool = pool;
            this.fn = Objects.requireNonNull(fn, "fn");
            this.inputs = Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(options, "options");
            this.inFlight = options.inFlight(pool.parallelism());
            this.chunkSize = options.chunkSize();
        }

        /** Submits the next task from the input, or returns null when the input is exhausted. */
        final InFlight submitNext() {
            if (!inputs.hasNext()) {
                return null;
            }
            long first = nextIndex;
            CompletableFuture<?> future;
            if (chunkSize == 1) {
                nextIndex++;
                future = pool.submit(new ApplyTask<>(fn, inputs.next()));
            } else {
                ArrayList<T> chunk = new ArrayList<>(chunkSize);
                while (chunk.size() < chunkSize && inputs.hasNext()) {
                    chunk.add(inputs.next());
                }
                nextIndex += chunk.size();
                future = pool.submit(new ChunkTask<>(fn, chunk));
            }
            InFlight task = new InFlight(first, future);
            enqueued(task);
            return task;
        }

        /** Hands a task's results to the consumer, or throws its failure. */
        @SuppressWarnings("unchecked")
        final void deliver(InFlight task, Consumer<? super R> action) {
            Object value;
            try {
                value = task.future().get();
            } catch (InterruptedException e) {
                cancelAll();
                Thread.currentThread().interrupt();
                throw new CancellationException("map was interrupted while waiting for a result");
            } catch (ExecutionException e) {
                cancelAll();
                Throwable cause = e.getCause();
                if (cause instanceof ChunkFailure chunk) {
                    throw new MapFailedException(task.firstIndex() + chunk.offset, chunk.getCause());
                }
                throw new MapFailedException(task.firstIndex(), cause);
            } catch (CancellationException e) {
                cancelAll();
                throw new MapFailedException(task.firstIndex(), e);
            }
            if (chunkSize == 1) {
                action.accept((R) value);
            } else {
                ready = (List<R>) value;
                readyAt = 1;
                action.accept(ready.getFirst());
            }
        }

        @Override
        public final boolean tryAdvance(Consumer<? super R> action) {
            if (readyAt < ready.size()) {
                action.accept(ready.get(readyAt++));
                return true;
            }
            try {
                while (inFlightCount() < inFlight && submitNext() != null) {
                    // topping the window up
                }
            } catch (RuntimeException e) {
                cancelAll();
                throw e;
            }
            return advance(action);
        }

        abstract int inFlightCount();

        abstract void enqueued(InFlight task);

        abstract boolean advance(Consumer<? super R> action);

        abstract void cancelAll();
    }

    private static final class Ordered<T, R> extends Window<T, R> {

        private final ArrayDeque<InFlight> window = new ArrayDeque<>();

        Ordered(DispatchPool pool, TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, MapOptions options) {
            super(pool, fn, inputs, options);
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
            InFlight head = window.poll();
            if (head == null) {
                return false;
            }
            deliver(head, action);
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

        Unordered(DispatchPool pool, TaskFunction<? super T, ? extends R> fn, Iterator<? extends T> inputs, MapOptions options) {
            super(pool, fn, inputs, options);
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
                throw new CancellationException("mapUnordered was interrupted while waiting for a result");
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

    /** The task for a chunk of consecutive inputs; returns their results in order. */
    private record ChunkTask<T, R>(TaskFunction<? super T, ? extends R> fn, ArrayList<T> inputs) implements Task<List<R>> {
        @Override
        public List<R> call() throws Exception {
            List<R> results = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    results.add(fn.apply(inputs.get(i)));
                } catch (Exception e) {
                    throw new ChunkFailure(i, e);
                }
            }
            return results;
        }
    }

    /** Carries the offset, within its chunk, of the element whose function threw. */
    static final class ChunkFailure extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;
        final int offset;

        ChunkFailure(int offset, Throwable cause) {
            super("element " + offset + " of its chunk failed", cause);
            this.offset = offset;
        }
    }
}
