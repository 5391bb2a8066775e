package dev.spindle.spi;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where a pool's jobs run. See the {@linkplain dev.spindle.spi package documentation}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #dispatch} runs the job eventually, on some worker, by calling either
 *       {@link Job#runHere(String)} (in-JVM) or {@link Job#start} followed by exactly one of
 *       {@link Job#succeed} and {@link Job#fail} (remote). A job that was cancelled before it
 *       started declines to start; the backend then simply drops it.</li>
 *   <li>After {@link #shutdown()}, {@code dispatch} throws {@link RejectedExecutionException};
 *       jobs already dispatched still run.</li>
 *   <li>{@link #shutdownNow()} interrupts what runs and drops what waits; the pool has already
 *       cancelled the waiting jobs, so nothing is lost.</li>
 *   <li>{@link #awaitTermination} returns {@code true} once every worker has stopped and no
 *       resource (thread, process, port, shared memory) is left behind.</li>
 * </ul>
 */
public interface Backend {

    /** A short name for reports and events, such as {@code threads(4)}. */
    String name();

    /** How many jobs can run at once, or {@link Integer#MAX_VALUE} for no bound. */
    int parallelism();

    /**
     * Checks that this backend can carry the task, before the pool accepts it. Backends that
     * serialise tasks throw {@link IllegalArgumentException} here for a task that cannot be
     * serialised (naming the offending class), or {@link dev.spindle.PayloadTooLargeException}
     * for one too large to send, so the mistake surfaces at submission and not as a failed or
     * hung future. In-JVM backends accept everything.
     */
    default void checkCarriable(Job job) {}

    /**
     * Runs the job eventually. Must not block for long. Any exception thrown here ends the job:
     * a {@link RejectedExecutionException} refuses it at {@code submit}, anything else fails its
     * future with that exception.
     *
     * @throws RejectedExecutionException after {@link #shutdown()}
     */
    void dispatch(Job job);

    /**
     * Whether the calling thread is one of this backend's workers. The pool asks before it waits
     * for termination, so that a task closing its own pool fails fast instead of waiting for
     * itself forever.
     */
    default boolean ownsCurrentThread() {
        return false;
    }

    /**
     * About what dispatching one task costs on this backend, from {@code submit} until a worker
     * runs it and its outcome is back, not counting the task's own work. A map with an automatic
     * chunk size groups inputs so that each task runs about fifty times longer than this. The
     * default, 2 µs, fits backends that hand tasks to threads of this JVM; a backend that sends
     * tasks to other processes or machines should say what a round trip costs there.
     */
    default Duration taskOverhead() {
        return DEFAULT_TASK_OVERHEAD;
    }

    /** {@link #taskOverhead()} of a backend that runs tasks on threads of this JVM. */
    Duration DEFAULT_TASK_OVERHEAD = Duration.ofNanos(2_000);

    /**
     * Called in a thread that is about to block until {@code job} is done. A backend whose
     * workers can run queued work while they wait may do so here when the caller is one of its
     * workers, until the job is done or nothing is left to run, and then return: the caller
     * blocks afterwards as usual. This is how a fork/join pool runs recursive submit-and-join
     * without a thread per waiting task. The default does nothing.
     */
    default void helpUntilDone(Job job) {}

    /** Stops accepting jobs; dispatched jobs still run. Idempotent; does not wait. */
    void shutdown();

    /** Stops accepting jobs, interrupts the running ones and drops the waiting ones. Does not wait. */
    void shutdownNow();

    /**
     * Waits until every worker has stopped after a shutdown.
     *
     * @return whether everything stopped within {@code timeout}
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;
}
