package dev.spindle;

import dev.spindle.testkit.TestThreads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.spindle.testkit.TimeoutCases.FOREVER;
import static dev.spindle.testkit.TimeoutCases.NO_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuturesTest {

    @Test
    void asCompletedYieldsInCompletionOrder() {
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        CompletableFuture<String> c = new CompletableFuture<>();
        c.complete("c");
        Iterator<CompletableFuture<String>> order = Futures.asCompleted(List.of(a, b, c)).iterator();
        assertSame(c, order.next());
        a.completeExceptionally(new IllegalStateException());
        assertSame(a, order.next());
        b.complete("b");
        assertSame(b, order.next());
        assertFalse(order.hasNext());
    }

    @Test
    void asCompletedWithATimeoutGivesUp() {
        CompletableFuture<String> never = new CompletableFuture<>();
        var stream = Futures.asCompleted(List.of(CompletableFuture.completedFuture("x"), never), Duration.ofMillis(20));
        Iterator<CompletableFuture<String>> it = stream.iterator();
        assertEquals("x", it.next().join());
        assertThrows(DeadlineExceededException.class, it::next);
    }

    @Test
    void awaitFirstCompletedReportsDoneAndPending() throws InterruptedException {
        CompletableFuture<Integer> done = CompletableFuture.completedFuture(1);
        CompletableFuture<Integer> pending = new CompletableFuture<>();
        Completion<Integer> result = Futures.awaitFirstCompleted(List.of(pending, done));
        assertEquals(List.of(done), result.done());
        assertEquals(List.of(pending), result.pending());
        assertFalse(result.anyFailed());
    }

    @Test
    void awaitFirstFailedStopsAtAFailure() throws InterruptedException {
        CompletableFuture<Integer> failed = CompletableFuture.failedFuture(new IllegalStateException());
        CompletableFuture<Integer> pending = new CompletableFuture<>();
        Completion<Integer> result = Futures.awaitFirstFailed(List.of(pending, failed));
        assertTrue(result.anyFailed());
        assertEquals(List.of(pending), result.pending());
    }

    @Test
    void awaitFirstFailedWaitsForAllWhenNoneFails() throws InterruptedException {
        CompletableFuture<Integer> a = new CompletableFuture<>();
        CompletableFuture<Integer> b = CompletableFuture.completedFuture(2);
        try (Pool pool = Pool.threads(1)) {
            pool.run(() -> a.complete(1));
            Completion<Integer> result = Futures.awaitFirstFailed(List.of(a, b));
            assertEquals(2, result.done().size());
            assertTrue(result.pending().isEmpty());
        }
    }

    @Test
    void awaitAllWithATimeoutReportsWhatIsStillPending() throws InterruptedException {
        CompletableFuture<Integer> pending = new CompletableFuture<>();
        Completion<Integer> result = Futures.awaitAll(List.of(pending, CompletableFuture.completedFuture(1)), Duration.ofMillis(10));
        assertEquals(1, result.done().size());
        assertEquals(List.of(pending), result.pending());
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> Futures.awaitAll(null));
        assertThrows(NullPointerException.class, () -> Futures.asCompleted(java.util.Arrays.asList(new CompletableFuture<String>(), null)));
    }

    /** One of the timed waits of {@link Futures}, so each scenario runs against all three. */
    @FunctionalInterface
    private interface TimedWait {
        Completion<Integer> await(List<CompletableFuture<Integer>> futures, Duration timeout) throws InterruptedException;
    }

    private static final List<TimedWait> TIMED_WAITS = List.of(Futures::awaitFirstCompleted, Futures::awaitFirstFailed, Futures::awaitAll);

    @Test
    void aTimedWaitWithAForeverTimeoutWaitsForItsCondition() throws InterruptedException {
        Thread waiter = Thread.currentThread();
        for (TimedWait wait : TIMED_WAITS) {
            CompletableFuture<Integer> future = new CompletableFuture<>();
            try (TestThreads threads = new TestThreads()) {
                threads.start("completer", () -> {
                    TestThreads.awaitParked(waiter);
                    future.complete(1);
                });
                Completion<Integer> result = wait.await(List.of(future), FOREVER);
                assertEquals(List.of(future), result.done());
                assertEquals(List.of(), result.pending());
            }
        }
    }

    @Test
    void aTimedWaitWithAZeroOrNegativeTimeoutReportsTheCompletionAsItStands() throws InterruptedException {
        CompletableFuture<Integer> done = CompletableFuture.completedFuture(1);
        CompletableFuture<Integer> pending = new CompletableFuture<>();
        for (TimedWait wait : TIMED_WAITS) {
            for (Duration timeout : NO_WAIT) {
                Completion<Integer> result = wait.await(List.of(pending, done), timeout);
                assertEquals(List.of(done), result.done(), timeout.toString());
                assertEquals(List.of(pending), result.pending(), timeout.toString());
            }
        }
    }

    @Test
    void asCompletedWithAForeverTimeoutWaitsForTheNextFuture() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Iterator<CompletableFuture<String>> order = Futures.asCompleted(List.of(future), FOREVER).iterator();
        Thread waiter = Thread.currentThread();
        try (TestThreads threads = new TestThreads()) {
            threads.start("completer", () -> {
                TestThreads.awaitParked(waiter);
                future.complete("a");
            });
            assertSame(future, order.next());
        }
    }

    @Test
    void asCompletedWithAZeroOrNegativeTimeoutYieldsWhatIsDoneThenGivesUp() {
        CompletableFuture<String> done = CompletableFuture.completedFuture("x");
        for (Duration timeout : NO_WAIT) {
            Iterator<CompletableFuture<String>> order = Futures.asCompleted(List.of(new CompletableFuture<>(), done), timeout).iterator();
            assertSame(done, order.next());
            assertEquals("1 of 2 futures did not finish within " + timeout,
                    assertThrows(DeadlineExceededException.class, order::next).getMessage());
        }
    }

    @Test
    void aNullTimeoutIsRefusedWithItsName() {
        List<CompletableFuture<Integer>> futures = List.of(CompletableFuture.completedFuture(1));
        for (TimedWait wait : TIMED_WAITS) {
            assertEquals("timeout", assertThrows(NullPointerException.class, () -> wait.await(futures, null)).getMessage());
        }
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> Futures.asCompleted(futures, null)).getMessage());
    }
}
