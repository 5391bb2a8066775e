package dev.spindle.structured;

import dev.spindle.DeadlineExceededException;
import dev.spindle.internal.Timeouts;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A scope for subtasks that run concurrently, each in its own virtual thread, and cannot outlive
 * the scope: structured concurrency without preview flags.
 *
 * <pre>{@code
 * try (var group = TaskGroup.<Price>open(Duration.ofSeconds(2))) {
 *     Subtask<Price> a = group.fork(() -> quote("a"));
 *     Subtask<Price> b = group.fork(() -> quote("b"));
 *     List<Price> both = group.join();   // or a.get(), b.get() after join
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Fail fast.</b> The first subtask that fails cancels its siblings (interrupts their
 *       threads). {@link #join()} then throws a {@link GroupFailedException} whose cause is the
 *       first failure and which carries every failure as suppressed. A sibling that ends with an
 *       interruption after being cancelled is {@link Subtask.State#CANCELLED}, not a failure; a
 *       sibling that fails for another reason while being cancelled is still a failure.</li>
 *   <li><b>Deadline.</b> A group opened with a deadline expires when the deadline passes while a
 *       subtask runs: at that moment, whatever the owner is doing, every running subtask is
 *       cancelled (one forked after the deadline is cancelled as soon as it starts); later forks
 *       are cancelled without starting, and {@code join} throws
 *       {@link DeadlineExceededException}. The owner itself is not interrupted (unlike the code
 *       inside Python's {@code asyncio.timeout}): it learns that the deadline passed when it
 *       joins.</li>
 *   <li><b>Closing</b> cancels what still runs and waits until every subtask's thread has ended,
 *       so no work leaks out of the {@code try} block, whatever happened inside it.</li>
 *   <li><b>Ownership.</b> Only the thread that opened the group may {@code join} or
 *       {@code close} it ({@link WrongThreadException} otherwise); any thread, subtasks included,
 *       may {@code fork} and {@code cancel}.</li>
 * </ul>
 *
 * <h2>Implementation overview</h2>
 * One lock guards the list of forks, the running count and the failures; a subtask's thread
 * takes it once, when it ends, to record its outcome and wake the owner. Cancelling marks every
 * running fork as cancel-requested before interrupting it, which is how an interruption that
 * follows is told apart from a failure.
 *
 * <p>A group with a deadline has a watchdog: a virtual thread, started by a fork that finds
 * none, that waits on the group's condition until the deadline and then expires the group. It
 * ends as soon as no subtask runs or the group is cancelled (a later fork starts another), and
 * {@link #close()} joins it with the subtasks, so nothing the group started outlives it. The
 * invariant: while a group with a deadline has a running subtask and is not cancelled, a
 * watchdog watches it; so the watchdog alone decides when a positive deadline has passed, and
 * {@code join} waits without a timeout of its own.
 *
 * @param <T> the result type of the subtasks
 */
public final class TaskGroup<T> implements AutoCloseable {

    private static final AtomicLong GROUPS = new AtomicLong();

    private final Thread owner = Thread.currentThread();
    private final String name = "taskgroup-" + GROUPS.incrementAndGet();
    private final Duration limit;     // null: no deadline
    private final long start = System.nanoTime();
    private final long limitNanos;    // the limit by Timeouts: 0 if it is zero or negative

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Fork<T>> forks = new ArrayList<>();        // guarded by lock
    private final List<Throwable> failures = new ArrayList<>();   // guarded by lock
    private int running;                                          // guarded by lock
    private boolean cancelled;                                    // guarded by lock
    private boolean expired;                                      // guarded by lock; implies cancelled
    private boolean closed;                                       // guarded by lock
    private Thread watchdog;                                      // guarded by lock; null: none watches
    private final List<Thread> watchdogs = new ArrayList<>();     // guarded by lock; every one started

    private TaskGroup(Duration limit) {
        this.limit = limit;
        this.limitNanos = limit == null ? Long.MAX_VALUE : Timeouts.toNanosSaturated(limit);
        this.expired = limit != null && limitNanos == 0;
        this.cancelled = expired;
    }

    /** Opens a group with no deadline, owned by the calling thread. */
    public static <T> TaskGroup<T> open() {
        return new TaskGroup<>(null);
    }

    /**
     * Opens a group that cancels its subtasks if they are not all done within {@code deadline}
     * from now, read by the {@linkplain dev.spindle##timeouts timeout rule}.
     */
    public static <T> TaskGroup<T> open(Duration deadline) {
        return new TaskGroup<>(Objects.requireNonNull(deadline, "deadline"));
    }

    /**
     * Starts {@code task} in a new virtual thread. If the group is already cancelled, the
     * subtask is not started and is {@link Subtask.State#CANCELLED} at once.
     *
     * @throws IllegalStateException if the group is closed
     */
    public Subtask<T> fork(Callable<? extends T> task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(name + " is closed: it accepts no more subtasks");
            }
            Fork<T> fork = new Fork<>(this, task);
            forks.add(fork);
            if (cancelled) {
                fork.state = Subtask.State.CANCELLED;
                return fork;
            }
            try {
                fork.thread = Thread.ofVirtual().name(name + "-" + (forks.size() - 1)).start(fork);
            } catch (RuntimeException | Error e) {
                forks.remove(fork); // never started: join must not wait for it
                throw e;
            }
            running++;
            if (limit != null && watchdog == null) {
                watchdog = Thread.ofVirtual().name(name + "-deadline").start(this::watchDeadline);
                watchdogs.add(watchdog);
            }
            return fork;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for every subtask forked so far, then returns their results in fork order.
     *
     * @return the results, which may contain {@code null}s if subtasks returned them
     * @throws GroupFailedException if any subtask failed
     * @throws DeadlineExceededException if the group expired: its deadline passed while a
     *         subtask ran (everything was cancelled)
     * @throws CancellationException if the group was {@linkplain #cancel() cancelled}
     * @throws InterruptedException if the owner was interrupted while waiting (everything was cancelled)
     * @throws WrongThreadException if called by a thread other than the owner
     */
    public List<T> join() throws InterruptedException {
        checkOwner();
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            cancel(); // as documented: an interrupted owner leaves nothing running
            throw e;
        }
        try {
            try {
                while (running > 0 && !expired) {
                    changed.await();
                }
            } catch (InterruptedException e) {
                cancelLocked();
                throw e;
            }
            if (!failures.isEmpty()) {
                throw new GroupFailedException(name, failures);
            }
            if (expired) {
                throw new DeadlineExceededException(name, limit);
            }
            if (cancelled) {
                throw new CancellationException(name + " was cancelled");
            }
            List<T> results = new ArrayList<>(forks.size());
            for (Fork<T> fork : forks) {
                results.add(fork.value);
            }
            return Collections.unmodifiableList(results);
        } finally {
            lock.unlock();
        }
    }

    /** Cancels every subtask still running and every one forked later. Any thread may call it. */
    public void cancel() {
        lock.lock();
        try {
            cancelLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels what still runs and waits, uninterruptibly, until every subtask's thread (and the
     * deadline's watchdog) has ended. Idempotent. An interrupt that arrives while waiting is kept
     * for the caller.
     *
     * @throws WrongThreadException if called by a thread other than the owner
     */
    @Override
    public void close() {
        checkOwner();
        List<Thread> threads = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            if (running > 0) {
                cancelLocked();
            }
            for (Fork<T> fork : forks) {
                if (fork.thread != null) {
                    threads.add(fork.thread);
                }
            }
            threads.addAll(watchdogs);
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The watchdog's body: expires the group at its deadline, unless every subtask has ended or
     * the group was cancelled first.
     */
    private void watchDeadline() {
        lock.lock();
        try {
            while (running > 0 && !cancelled) {
                long left = Timeouts.remainingNanos(start, limitNanos);
                if (left <= 0) {
                    expireLocked();
                } else {
                    try {
                        changed.awaitNanos(left);
                    } catch (InterruptedException e) {
                        // nothing interrupts the watchdog on purpose; if something does, it keeps watching
                    }
                }
            }
            watchdog = null;
        } finally {
            lock.unlock();
        }
    }

    private void expireLocked() {
        expired = true;
        cancelLocked();
    }

    private void cancelLocked() {
        cancelled = true;
        for (Fork<T> fork : forks) {
            if (fork.state == Subtask.State.RUNNING && fork.thread != null && !fork.cancelRequested) {
                fork.cancelRequested = true;
                fork.thread.interrupt();
            }
        }
        changed.signalAll(); // the watchdog stops watching a cancelled group
    }

    private void finished(Fork<T> fork, T value, Throwable error) {
        lock.lock();
        try {
            if (error == null) {
                fork.value = value;
                fork.state = Subtask.State.SUCCESS;
            } else if (fork.cancelRequested && isInterruption(error)) {
                fork.state = Subtask.State.CANCELLED;
            } else {
                fork.error = error;
                fork.state = Subtask.State.FAILED;
                failures.add(error);
                cancelLocked();
            }
            running--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static boolean isInterruption(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || t instanceof InterruptedIOException || t instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException("only " + owner + ", which opened " + name + ", may join or close it");
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "TaskGroup[" + name + ", " + forks.size() + " forked, " + running + " running"
                    + (expired ? ", expired" : cancelled ? ", cancelled" : "") + (closed ? ", closed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }

    /**
     * One subtask: its thread, and its outcome once ended. Fields guarded by the group's lock,
     * except {@code task}, which only the subtask's own thread reads and clears: a finished fork
     * keeps its outcome, not the code and the data its task captured.
     */
    static final class Fork<T> implements Subtask<T>, Runnable {
        private final TaskGroup<T> group;
        private Callable<? extends T> task;
        private Thread thread;
        private boolean cancelRequested;
        private volatile State state = State.RUNNING;
        private T value;
        private Throwable error;

        private Fork(TaskGroup<T> group, Callable<? extends T> task) {
            this.group = group;
            this.task = task;
        }

        @Override
        public void run() {
            T result = null;
            Throwable failure = null;
            try {
                result = task.call();
            } catch (Throwable t) {
                failure = t;
            } finally {
                task = null;
            }
            group.finished(this, result, failure);
        }

        @Override
        public State state() {
            return state;
        }

        @Override
        public T get() {
            group.lock.lock();
            try {
                if (state != State.SUCCESS) {
                    throw new IllegalStateException("subtask has no result: it is " + state);
                }
                return value;
            } finally {
                group.lock.unlock();
            }
        }

        @Override
        public Throwable exception() {
            group.lock.lock();
            try {
                if (state != State.FAILED) {
                    throw new IllegalStateException("subtask has no exception: it is " + state);
                }
                return error;
            } finally {
                group.lock.unlock();
            }
        }

        @Override
        public String toString() {
            return "Subtask[" + state + "]";
        }
    }
}
