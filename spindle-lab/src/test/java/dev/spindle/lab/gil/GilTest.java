package dev.spindle.lab.gil;

import dev.spindle.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GIL's behaviour: one holder at a time, handovers at checkpoints, overlap in blocking calls. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GilTest {

    private static final int WORKERS = 4;

    @Test
    void atMostOneTaskRunsWorkloadCodeAtATime() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(WORKERS);
        GilBackend backend = new GilBackend(WORKERS, Duration.ofNanos(1_000));
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        try (Pool pool = Pool.using(backend)) {
            for (int t = 0; t < WORKERS; t++) {
                tasks.add(pool.run(() -> {
                    allStarted.countDown();
                    // Everyone holds a worker before anyone computes: they all compete for the GIL.
                    if (!Gil.blocking(() -> allStarted.await(30, TimeUnit.SECONDS))) {
                        throw new AssertionError("the tasks never all started");
                    }
                    long sink = 0;
                    for (int i = 0; i < 20_000; i++) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        for (int k = 0; k < 50; k++) {
                            sink += k * i;
                        }
                        inside.decrementAndGet();
                        Gil.checkpoint();
                    }
                    if (sink == 42) {
                        throw new AssertionError("unreachable; keeps the loop alive");
                    }
                }));
            }
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, most.get(), "tasks ran workload code at the same time under the GIL");
        assertTrue(backend.gil().handoffs() > 0, "the GIL was never handed over at a checkpoint");
    }

    @Test
    void blockingSectionsOverlap() throws Exception {
        // Every task waits inside Gil.blocking for all the others: only possible if blocking releases the GIL.
        CyclicBarrier allInside = new CyclicBarrier(WORKERS);
        AtomicInteger inBlocking = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        try (Pool pool = Pool.using(new GilBackend(WORKERS, Gil.DEFAULT_SWITCH_INTERVAL))) {
            for (int t = 0; t < WORKERS; t++) {
                tasks.add(pool.run(() -> Gil.blocking(() -> {
                    most.accumulateAndGet(inBlocking.incrementAndGet(), Math::max);
                    allInside.await(30, TimeUnit.SECONDS);
                    inBlocking.decrementAndGet();
                    return null;
                })));
            }
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        assertEquals(WORKERS, most.get());
    }

    @Test
    void withoutAGilCheckpointAndBlockingJustRun() throws Exception {
        assertFalse(Gil.installed());
        Gil.checkpoint();
        assertEquals("done", Gil.blocking(() -> "done"));
        try (Pool pool = Pool.threads(2)) {
            assertEquals(7, pool.submit(() -> {
                Gil.checkpoint();
                return Gil.blocking(() -> 7);
            }).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void oneGilAtATimeAndRemovedWhenItsPoolCloses() {
        try (Pool first = Pool.using(new GilBackend(1, Gil.DEFAULT_SWITCH_INTERVAL))) {
            assertTrue(Gil.installed());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new GilBackend(2, Gil.DEFAULT_SWITCH_INTERVAL));
            assertTrue(e.getMessage().contains("gil(1)"), e.getMessage());
            assertEquals(1, first.submit(() -> 1).join());
        }
        assertFalse(Gil.installed());
        try (Pool again = Pool.using(new GilBackend(2, Gil.DEFAULT_SWITCH_INTERVAL))) {
            assertEquals(2, again.submit(() -> 2).join());
        }
        assertFalse(Gil.installed());
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        IllegalArgumentException workers = assertThrows(IllegalArgumentException.class, () -> new GilBackend(0, Gil.DEFAULT_SWITCH_INTERVAL));
        assertTrue(workers.getMessage().contains("was 0"), workers.getMessage());
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class, () -> new GilBackend(1, Duration.ZERO));
        assertTrue(interval.getMessage().contains("PT0S"), interval.getMessage());
        assertFalse(Gil.installed(), "a refused backend must not leave a GIL installed");
    }
}
