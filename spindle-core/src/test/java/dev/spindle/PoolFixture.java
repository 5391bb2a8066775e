package dev.spindle;

import dev.spindle.testkit.SharedGate;
import dev.spindle.testkit.SharedState;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every area of the contract suite works with: pools of the backend under test, state
 * shared with the tasks, and the backend's capability flags. {@link PoolContract} implements it;
 * the rules a scenario follows, and what each flag means, are in its class documentation.
 *
 * <p>The static helpers are for tasks as much as for tests: a task may call them, because they
 * capture nothing.
 */
public interface PoolFixture {

    /** How long a wait may last before the scenario counts as hung. */
    long HANG_SECONDS = 30;

    /** {@link #HANG_SECONDS} as a duration. */
    Duration HANG = Duration.ofSeconds(HANG_SECONDS);

    /** A new pool of the backend under test with {@code workers} workers (or the nearest it offers), closed after the test. */
    Pool pool(int workers);

    /** State shared with this test's tasks wherever they run; one per test, closed after the pools. */
    SharedState shared();

    /**
     * The value under {@code key} for this test, made by {@code make} on the first call: the same
     * pool or handle for every thread of a {@code @Concurrently} scenario. Safe from many threads.
     */
    <T> T once(String key, Supplier<T> make);

    /** See {@link PoolContract#runsInCaller()}. */
    boolean runsInCaller();

    /** See {@link PoolContract#compensatesBlockedWorkers()}. */
    boolean compensatesBlockedWorkers();

    /** See {@link PoolContract#tasksShareTheSubmittersMemory()}. */
    boolean tasksShareTheSubmittersMemory();

    /** A {@link Runnable} that a serialising backend can carry, for the {@code ExecutorService} view. */
    @FunctionalInterface
    interface SerializableRunnable extends Runnable, Serializable {}

    /** On the test's thread: fails the scenario if {@code gate} does not open in time. */
    static void await(SharedGate gate) throws InterruptedException {
        assertTrue(gate.await(HANG), gate + " did not open: the pool hung");
    }

    /** In a task: waits for {@code gate}, and fails the task if it does not open in time. */
    static void hold(SharedGate gate) throws InterruptedException {
        if (!gate.await(HANG)) {
            throw new IllegalStateException(gate + " did not open: the test hung");
        }
    }

    /**
     * A task that opens {@code started}, then waits until it is interrupted, and opens
     * {@code interrupted}. It cannot end any other way, so it shows whether cancelling reaches a
     * running task wherever it runs. The latch it waits on is its own, so it shares nothing.
     */
    static Task<Object> blockedUntilInterrupted(SharedGate started, SharedGate interrupted) {
        return () -> {
            started.open();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.open();
            }
            return null;
        };
    }

    /**
     * That {@code error} is the exception a task threw, as far as a process boundary lets anyone
     * tell: its class, its message, and the thrower's frame at the top of its stack trace. (The
     * very object arrives only from a task that {@linkplain PoolContract#tasksShareTheSubmittersMemory()
     * shares the submitter's memory}.)
     */
    static void assertThrownBy(Class<? extends Throwable> type, String message, Class<?> thrower, String method, Throwable error) {
        assertEquals(type, error.getClass(), "the task's exception arrived as another type");
        assertEquals(message, error.getMessage());
        StackTraceElement[] trace = error.getStackTrace();
        assertTrue(trace.length > 0, "the exception lost its stack trace");
        assertEquals(thrower.getName() + "." + method, trace[0].getClassName() + "." + trace[0].getMethodName(),
                "the thrower's frame is not at the top: " + Arrays.toString(trace));
    }
}
