package dev.spindle;

import dev.spindle.testkit.SharedGate;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.spindle.PoolFixture.await;
import static dev.spindle.PoolFixture.blockedUntilInterrupted;
import static dev.spindle.PoolFixture.hold;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract, part three: cancelling reaches a running task, removes a waiting one, and never
 * leaks into the next task on the same worker.
 */
public interface CancellationContract extends PoolFixture {

    @Test
    default void cancellingARunningTaskInterruptsIt() throws Exception {
        assumeTrue(!runsInCaller(), "a task that runs in the caller cannot be cancelled while it runs");
        Pool pool = pool(2);
        SharedGate started = shared().gate("started");
        SharedGate interrupted = shared().gate("interrupted");
        CompletableFuture<Object> future = pool.submit(blockedUntilInterrupted(started, interrupted));
        await(started);
        assertTrue(future.cancel(true));
        await(interrupted);
        assertTrue(future.isCancelled());
        assertThrows(CancellationException.class, future::join);
    }

    @Test
    default void aCancelledTaskThatNeverStartedNeverRuns() throws Exception {
        assumeTrue(!runsInCaller());
        assumeTrue(!compensatesBlockedWorkers(), "needs a pool where a task waits its turn");
        Pool pool = pool(1);
        assumeTrue(pool.parallelism() == 1, "needs a pool where a task waits its turn");
        SharedGate release = shared().gate("release");
        SharedGate started = shared().gate("started");
        SharedGate secondRan = shared().gate("second ran");
        CompletableFuture<Object> first = pool.submit(() -> {
            started.open();
            hold(release);
            return "first";
        });
        await(started);
        CompletableFuture<Object> second = pool.submit(() -> {
            secondRan.open();
            return "second";
        });
        assertTrue(second.cancel(false));
        release.open();
        assertEquals("first", first.get(HANG_SECONDS, TimeUnit.SECONDS));
        CompletableFuture<Object> third = pool.submit(() -> "third");
        assertEquals("third", third.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertFalse(secondRan.isOpen(), "a cancelled task ran");
    }

    @Test
    default void aCancellationDoesNotLeakIntoTheNextTask() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(1);
        for (int round = 0; round < 20; round++) {
            SharedGate started = shared().gate("started " + round);
            CompletableFuture<Object> blocked = pool.submit(blockedUntilInterrupted(started, shared().gate("interrupted " + round)));
            await(started);
            blocked.cancel(true);
            assertFalse(pool.submit(Thread::interrupted).get(HANG_SECONDS, TimeUnit.SECONDS),
                    "the next task on the worker found the cancelled task's interrupt");
        }
    }
}
