package dev.spindle;

import dev.spindle.testkit.SharedGate;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.spindle.PoolFixture.await;
import static dev.spindle.PoolFixture.blockedUntilInterrupted;
import static dev.spindle.PoolFixture.hold;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract, part eight: a task's future belongs to the task. Only the task (or a
 * cancellation) ends it, so every task reports exactly one end; and once it has ended, the pool
 * keeps nothing of it, as {@link java.util.concurrent.FutureTask} lets go of its callable.
 */
public interface FutureOwnershipContract extends PoolFixture {

    /** Before the fix, an open pool kept the last thousand or so finished jobs, results included. */
    @Test
    default void aFinishedTaskLeavesNothingReachableFromThePool() throws Exception {
        Pool pool = pool(2);
        WeakReference<Object> result = new WeakReference<>(pool.submit(() -> new byte[1 << 20]).get(HANG_SECONDS, TimeUnit.SECONDS));
        for (int i = 0; i < 50 && result.get() != null; i++) {
            System.gc();
            Thread.onSpinWait();
        }
        assertNull(result.get(), "the pool still holds the result of a finished task whose future nobody holds");
    }

    /** In the spirit of the JDK TCK's {@code tryToConfuseDoneTask}: nothing from outside changes a done future. */
    @Test
    default void onlyTheTaskCompletesItsFuture() throws Exception {
        Pool pool = pool(2);
        ConcurrentLinkedQueue<TaskEvent> events = new ConcurrentLinkedQueue<>();
        pool.listen(events::add);
        CompletableFuture<Integer> done = pool.submit(() -> 7);
        assertEquals(7, done.get(HANG_SECONDS, TimeUnit.SECONDS));
        String message = assertThrows(UnsupportedOperationException.class, () -> done.complete(8)).getMessage();
        assertTrue(message.contains("is completed by the task alone"), message);
        assertThrows(UnsupportedOperationException.class, () -> done.completeExceptionally(new IllegalStateException()));
        assertThrows(UnsupportedOperationException.class, () -> done.obtrudeValue(9));
        assertThrows(UnsupportedOperationException.class, () -> done.obtrudeException(new IllegalStateException()));
        assertThrows(UnsupportedOperationException.class, () -> done.completeAsync(() -> 10));
        assertFalse(done.cancel(true));
        assertEquals(7, done.join());
        CompletableFuture<Integer> timed = done.orTimeout(1, TimeUnit.NANOSECONDS);
        assertNotSame(done, timed, "orTimeout must leave the task's own future to the task");
        assertEquals(7, timed.get(HANG_SECONDS, TimeUnit.SECONDS));
        pool.close();
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Started.class, TaskEvent.Finished.class),
                events.stream().map(Object::getClass).toList());
    }

    @Test
    default void aTimeoutOnARunningTaskIsNotTheTasksEnd() throws Exception {
        assumeTrue(!runsInCaller(), "a task that runs in the caller has ended before a timeout can be set");
        Pool pool = pool(2);
        ConcurrentLinkedQueue<TaskEvent> events = new ConcurrentLinkedQueue<>();
        pool.listen(events::add);
        SharedGate started = shared().gate("started");
        SharedGate release = shared().gate("release");
        CompletableFuture<String> running = pool.submit(() -> {
            started.open();
            hold(release);
            return "done";
        });
        await(started);
        CompletableFuture<String> timed = running.orTimeout(1, TimeUnit.NANOSECONDS);
        ExecutionException timedOut = assertThrows(ExecutionException.class, () -> timed.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, timedOut.getCause());
        assertFalse(running.isDone(), "a dependent stage's timeout ended the task's future");
        release.open();
        assertEquals("done", running.get(HANG_SECONDS, TimeUnit.SECONDS));
        pool.close();
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Started.class, TaskEvent.Finished.class),
                events.stream().map(Object::getClass).toList());
    }

    /** Before the fix, a second cancel reported a second end. */
    @Test
    default void cancellingTwiceReportsOneEnd() throws Exception {
        assumeTrue(!runsInCaller(), "a task that runs in the caller cannot be cancelled while it runs");
        Pool pool = pool(2);
        ConcurrentLinkedQueue<TaskEvent> events = new ConcurrentLinkedQueue<>();
        pool.listen(events::add);
        SharedGate started = shared().gate("started");
        SharedGate interrupted = shared().gate("interrupted");
        CompletableFuture<Object> future = pool.submit(blockedUntilInterrupted(started, interrupted));
        await(started);
        assertTrue(future.cancel(true));
        assertTrue(future.cancel(true), "cancel answers true for a cancelled future, as CompletableFuture does");
        await(interrupted);
        pool.close();
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Started.class, TaskEvent.Cancelled.class),
                events.stream().map(Object::getClass).toList());
    }

    @Test
    default void aTaskThatThrowsAnErrorFailsItsFutureAndTheWorkerGoesOn() throws Exception {
        Pool pool = pool(1);
        CompletableFuture<Object> overflow = pool.submit(() -> {
            throw new StackOverflowError("too deep");
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> overflow.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(StackOverflowError.class, thrown.getCause());
        assertEquals("too deep", thrown.getCause().getMessage());
        assertEquals(2, pool.submit(() -> 1 + 1).get(HANG_SECONDS, TimeUnit.SECONDS));
    }

    /** A listener runs on the thread where its event happens; one that blocks holds that thread and nothing else. */
    @Test
    default void aListenerThatBlocksDelaysOnlyItsThreadAndLeavesNoFuturePending() throws Exception {
        assumeTrue(!runsInCaller(), "a listener blocking in the caller would block the test itself");
        Pool pool = pool(2);
        java.util.concurrent.CountDownLatch inListener = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch releaseListener = new java.util.concurrent.CountDownLatch(1);
        pool.listen(event -> {
            if (event instanceof TaskEvent.Finished) {
                inListener.countDown();
                try {
                    releaseListener.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CompletableFuture<Integer> future = pool.submit(() -> 5);
        assertTrue(inListener.await(HANG_SECONDS, TimeUnit.SECONDS), "the finished event never came");
        assertEquals(5, future.get(HANG_SECONDS, TimeUnit.SECONDS), "the future waited for a listener");
        releaseListener.countDown();
        pool.close();
    }
}
