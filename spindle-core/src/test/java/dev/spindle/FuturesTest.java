package dev.spindle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
}
