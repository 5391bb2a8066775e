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
     * serialised, so the mistake surfaces at submission and not as a failed or hung future.
     * In-JVM backends accept everything.
     */
    default void checkCarriable(Job job) {}

    /**
     * Runs the job eventually. Must not block for long.
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
