package dev.spindle.lab.gil;

import dev.spindle.Pool;
import dev.spindle.PoolClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gil backend's lifecycle: close runs what was accepted, closeNow interrupts, nothing is left behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GilBackendTest {

    @Test
    void closeRunsEveryAcceptedTaskThenRefusesMore() {
        AtomicInteger ran = new AtomicInteger();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        Pool pool = Pool.using(new GilBackend(2, Gil.DEFAULT_SWITCH_INTERVAL));
        for (int i = 0; i < 100; i++) {
            futures.add(pool.run(ran::incrementAndGet));
        }
        pool.close();
        assertEquals(100, ran.get());
        assertTrue(futures.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
        assertThrows(PoolClosedException.class, () -> pool.run(ran::incrementAndGet));
        assertFalse(Gil.installed());
    }

    @Test
    void closeNowInterruptsBlockedTasksAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        CountDownLatch blocked = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        Pool pool = Pool.using(new GilBackend(2, Gil.DEFAULT_SWITCH_INTERVAL));
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            futures.add(pool.run(() -> {
                blocked.countDown();
                try {
                    Gil.blocking(() -> never.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
            }));
        }
        futures.add(pool.run(() -> {})); // queued behind the two blocked tasks: never runs
        assertTrue(blocked.await(30, TimeUnit.SECONDS));
        assertEquals(1, pool.closeNow().size(), "the queued task is handed back");
        pool.close();
        assertEquals(2, interrupted.get());
        for (CompletableFuture<Void> f : futures) {
            assertThrows(CancellationException.class, f::join);
        }
        assertFalse(Gil.installed());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("spindle-gil-")) {
                t.join(Duration.ofSeconds(30));
                assertFalse(t.isAlive(), t + " left running");
            }
        }
    }
}
