package dev.spindle;

import dev.spindle.internal.Timeouts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Waiting on a set of futures: {@link #asCompleted} (futures in the order they complete) and the
 * three ways to wait of Python's {@code concurrent.futures.wait}: until the
 * {@linkplain #awaitFirstCompleted first completes}, the {@linkplain #awaitFirstFailed first fails},
 * or {@linkplain #awaitAll all complete}.
 *
 * <p>Works with any {@link CompletableFuture}, not only a pool's. Every method throws
 * {@link NullPointerException} for a {@code null} collection or element, and none of them
 * cancels a future. The {@code await} methods throw {@link InterruptedException} if the caller
 * is interrupted while waiting; the stream of {@code asCompleted}, which cannot throw a checked
 * exception, throws {@link java.util.concurrent.CancellationException} instead and keeps the
 * thread's interrupt status.
 */
public final class Futures {

    /** What the untimed methods wait: {@code Long.MAX_VALUE} nanoseconds, which is forever. */
    private static final Duration UNTIMED = Duration.ofSeconds(Long.MAX_VALUE);

    private Futures() {}

    /**
     * The given futures, each yielded as soon as it completes, so results can be handled in the
     * order they arrive. The stream blocks in {@code next} until one more future is done.
     */
    public static <T> Stream<CompletableFuture<T>> asCompleted(Collection<? extends CompletableFuture<T>> futures) {
        return asCompleted(copy(futures), UNTIMED);
    }

    /**
     * As {@link #asCompleted(Collection)}, but the stream throws {@link DeadlineExceededException}
     * if the next future is not done before {@code timeout} has passed since this call. The
     * timeout is read by the {@linkplain dev.spindle##timeouts timeout rule}.
     */
    public static <T> Stream<CompletableFuture<T>> asCompleted(Collection<? extends CompletableFuture<T>> futures, Duration timeout) {
        List<CompletableFuture<T>> all = copy(futures);
        return asCompleted(all, Objects.requireNonNull(timeout, "timeout"));
    }

    private static <T> Stream<CompletableFuture<T>> asCompleted(List<CompletableFuture<T>> all, Duration timeout) {
        long start = System.nanoTime();
        long timeoutNanos = Timeouts.toNanosSaturated(timeout);
        LinkedBlockingQueue<CompletableFuture<T>> completed = new LinkedBlockingQueue<>();
        for (CompletableFuture<T> future : all) {
            future.whenComplete((value, error) -> completed.add(future));
        }
        Iterator<CompletableFuture<T>> iterator = new Iterator<>() {
            private int yielded;

            @Override
            public boolean hasNext() {
                return yielded < all.size();
            }

            @Override
            public CompletableFuture<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    CompletableFuture<T> next = completed.poll(Timeouts.remainingNanos(start, timeoutNanos), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        throw new DeadlineExceededException((all.size() - yielded) + " of " + all.size() + " futures", timeout);
                    }
                    yielded++;
                    return next;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.util.concurrent.CancellationException("asCompleted was interrupted");
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliterator(iterator, all.size(), Spliterator.SIZED | Spliterator.NONNULL), false);
    }

    /** Waits until at least one future is done (or there are none). */
    public static <T> Completion<T> awaitFirstCompleted(Collection<? extends CompletableFuture<T>> futures) throws InterruptedException {
        return await(futures, WaitFor.FIRST_COMPLETED, UNTIMED);
    }

    /**
     * Waits until at least one future is done, or {@code timeout} passes (read by the
     * {@linkplain dev.spindle##timeouts timeout rule}); then reports.
     */
    public static <T> Completion<T> awaitFirstCompleted(Collection<? extends CompletableFuture<T>> futures, Duration timeout) throws InterruptedException {
        return await(futures, WaitFor.FIRST_COMPLETED, Objects.requireNonNull(timeout, "timeout"));
    }

    /** Waits until one future fails (exceptionally or cancelled) or all are done. */
    public static <T> Completion<T> awaitFirstFailed(Collection<? extends CompletableFuture<T>> futures) throws InterruptedException {
        return await(futures, WaitFor.FIRST_FAILED, UNTIMED);
    }

    /**
     * Waits until one future fails or all are done, or {@code timeout} passes (read by the
     * {@linkplain dev.spindle##timeouts timeout rule}); then reports.
     */
    public static <T> Completion<T> awaitFirstFailed(Collection<? extends CompletableFuture<T>> futures, Duration timeout) throws InterruptedException {
        return await(futures, WaitFor.FIRST_FAILED, Objects.requireNonNull(timeout, "timeout"));
    }

    /** Waits until every future is done. */
    public static <T> Completion<T> awaitAll(Collection<? extends CompletableFuture<T>> futures) throws InterruptedException {
        return await(futures, WaitFor.ALL_COMPLETED, UNTIMED);
    }

    /**
     * Waits until every future is done, or {@code timeout} passes (read by the
     * {@linkplain dev.spindle##timeouts timeout rule}); then reports.
     */
    public static <T> Completion<T> awaitAll(Collection<? extends CompletableFuture<T>> futures, Duration timeout) throws InterruptedException {
        return await(futures, WaitFor.ALL_COMPLETED, Objects.requireNonNull(timeout, "timeout"));
    }

    private enum WaitFor { FIRST_COMPLETED, FIRST_FAILED, ALL_COMPLETED }

    private static <T> Completion<T> await(Collection<? extends CompletableFuture<T>> futures, WaitFor condition, Duration timeout)
            throws InterruptedException {
        List<CompletableFuture<T>> all = copy(futures);
        long start = System.nanoTime();
        long timeoutNanos = Timeouts.toNanosSaturated(timeout);
        Object signal = new Object();
        for (CompletableFuture<T> future : all) {
            future.whenComplete((value, error) -> {
                synchronized (signal) {
                    signal.notifyAll();
                }
            });
        }
        synchronized (signal) {
            while (!satisfied(all, condition)) {
                long left = Timeouts.remainingNanos(start, timeoutNanos);
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
        }
        List<CompletableFuture<T>> done = new ArrayList<>();
        List<CompletableFuture<T>> pending = new ArrayList<>();
        for (CompletableFuture<T> future : all) {
            (future.isDone() ? done : pending).add(future);
        }
        return new Completion<>(done, pending);
    }

    private static boolean satisfied(List<? extends CompletableFuture<?>> all, WaitFor condition) {
        if (all.isEmpty()) {
            return true;
        }
        return switch (condition) {
            case FIRST_COMPLETED -> all.stream().anyMatch(CompletableFuture::isDone);
            case FIRST_FAILED -> all.stream().anyMatch(CompletableFuture::isCompletedExceptionally)
                    || all.stream().allMatch(CompletableFuture::isDone);
            case ALL_COMPLETED -> all.stream().allMatch(CompletableFuture::isDone);
        };
    }

    private static <T> List<CompletableFuture<T>> copy(Collection<? extends CompletableFuture<T>> futures) {
        Objects.requireNonNull(futures, "futures");
        List<CompletableFuture<T>> all = new ArrayList<>(futures.size());
        for (CompletableFuture<T> future : futures) {
            all.add(Objects.requireNonNull(future, "futures holds a null element"));
        }
        return all;
    }
}
