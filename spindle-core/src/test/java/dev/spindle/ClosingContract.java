package dev.spindle;

import dev.spindle.testkit.SharedCounter;
import dev.spindle.testkit.SharedGate;
import dev.spindle.testkit.TestThreads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.spindle.PoolFixture.await;
import static dev.spindle.PoolFixture.blockedUntilInterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract, part four: {@code close} waits for every accepted task, {@code closeNow} cancels
 * and reports what never ran, and no submission racing a close is lost.
 */
public interface ClosingContract extends PoolFixture {

    @Test
    default void closeWaitsForEveryAcceptedTask() {
        Pool pool = pool(2);
        SharedCounter done = shared().counter("done");
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pool.run(() -> {
                Thread.onSpinWait();
                done.incrementAndGet();
            }));
        }
        pool.close();
        assertEquals(200, done.get());
        assertTrue(futures.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
    }

    @Test
    default void closeNowReturnsTheTasksThatNeverRanAndCancelsEveryFuture() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(1);
        assumeTrue(pool.parallelism() == 1, "needs a pool where a task can wait its turn");
        SharedGate started = shared().gate("started");
        SharedGate interrupted = shared().gate("interrupted");
        CompletableFuture<Object> running = pool.submit(blockedUntilInterrupted(started, interrupted));
        await(started);
        SharedCounter ran = shared().counter("ran");
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(pool.run(ran::incrementAndGet));
        }
        List<Task<?>> neverRan = pool.closeNow();
        await(interrupted);
        pool.close();
        assertTrue(running.isCancelled());
        assertTrue(waiting.stream().allMatch(CompletableFuture::isDone), "a future was left pending");
        assertEquals(5, neverRan.size() + ran.get(), "a task both ran and was reported as never run, or was lost");
        assertEquals(neverRan.size(), waiting.stream().filter(CompletableFuture::isCancelled).count());
        if (!compensatesBlockedWorkers()) {
            assertEquals(5, neverRan.size());
        }
    }

    @Test
    default void submittingToAClosedPoolFailsAtOnce() {
        Pool pool = pool(2);
        pool.close();
        assertTrue(pool.isClosed());
        PoolClosedException thrown = assertThrows(PoolClosedException.class, () -> pool.submit(() -> 1));
        assertTrue(thrown.getMessage().contains(pool.name()), thrown.getMessage());
        assertThrows(PoolClosedException.class, () -> pool.run(() -> {}));
        assertThrows(PoolClosedException.class, () -> pool.map(x -> x, List.of(1, 2)).toList());
        assertThrows(PoolClosedException.class, () -> pool.asExecutorService().execute((SerializableRunnable) () -> {}));
    }

    @Test
    default void closingThePoolFromItsOwnTaskFailsInsteadOfWaitingForItself() {
        assumeTrue(!runsInCaller());
        assumeTrue(tasksShareTheSubmittersMemory(), "the task must hold the pool, which exists only in the submitter's memory");
        Pool pool = pool(2);
        CompletableFuture<Object> selfClosing = pool.submit(() -> {
            pool.close();
            return null;
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> selfClosing.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertTrue(thrown.getCause().getMessage().contains("would wait for that task forever"));
    }

    @Test
    default void closeIsIdempotent() {
        Pool pool = pool(2);
        pool.close();
        pool.close();
        assertTrue(pool.closeNow().isEmpty());
    }

    @Test
    default void submittingWhileClosingLosesNothing() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(2);
        ConcurrentLinkedQueue<CompletableFuture<Integer>> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger rejected = new AtomicInteger();
        CountDownLatch submitting = new CountDownLatch(1);
        try (TestThreads threads = new TestThreads()) {
            threads.start("submitter", () -> {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        accepted.add(pool.submit(() -> 1));
                    } catch (PoolClosedException e) {
                        rejected.incrementAndGet();
                    }
                    if (i == 100) {
                        submitting.countDown();
                    }
                }
            });
            assertTrue(submitting.await(HANG_SECONDS, TimeUnit.SECONDS), "the submitter hung");
            pool.close();
        }
        for (CompletableFuture<Integer> future : accepted) {
            assertEquals(1, future.get(HANG_SECONDS, TimeUnit.SECONDS), "an accepted task was lost at close");
        }
        assertEquals(20_000, accepted.size() + rejected.get());
    }

    @Test
    default void closingNowWhileTasksArriveLeavesNoFuturePending() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(2);
        ConcurrentLinkedQueue<CompletableFuture<Integer>> accepted = new ConcurrentLinkedQueue<>();
        CountDownLatch submitting = new CountDownLatch(1);
        List<Task<?>> neverRan;
        try (TestThreads threads = new TestThreads()) {
            threads.start("submitter", () -> {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        accepted.add(pool.submit(() -> 1));
                    } catch (PoolClosedException e) {
                        return;
                    }
                    if (i == 3_000) {
                        submitting.countDown();
                    }
                }
                submitting.countDown();
            });
            assertTrue(submitting.await(HANG_SECONDS, TimeUnit.SECONDS), "the submitter hung");
            neverRan = pool.closeNow();
        }
        pool.close();
        long cancelled = accepted.stream().filter(CompletableFuture::isCancelled).count();
        assertTrue(accepted.stream().allMatch(CompletableFuture::isDone), "a future was left pending after closeNow");
        assertTrue(neverRan.size() <= cancelled, neverRan.size() + " never ran, but only " + cancelled + " were cancelled");
    }
}
