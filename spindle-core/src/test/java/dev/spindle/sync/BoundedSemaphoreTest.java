package dev.spindle.sync;

import dev.spindle.testkit.TestThreads;
import dev.spindle.testkit.concurrently.ConcurrentThread;
import dev.spindle.testkit.concurrently.Concurrently;
import dev.spindle.testkit.concurrently.Shared;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.spindle.testkit.TimeoutCases.FOREVER;
import static dev.spindle.testkit.TimeoutCases.NO_WAIT;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedSemaphoreTest {

    @Test
    void refusesToBeReleasedMoreOftenThanAcquired() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(2);
        semaphore.acquire();
        semaphore.release();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, semaphore::release);
        assertTrue(thrown.getMessage().contains("all 2 permits are already free"), thrown.getMessage());
        assertEquals(2, semaphore.availablePermits());
    }

    @Test
    void tryAcquireFailsWhenNoPermitIsFree() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(1);
        assertTrue(semaphore.tryAcquire());
        assertFalse(semaphore.tryAcquire());
        assertFalse(semaphore.tryAcquire(Duration.ofMillis(10)));
        semaphore.release();
        assertTrue(semaphore.tryAcquire(Duration.ofMillis(10)));
    }

    @Test
    void aPermitReleasesOnceWhenClosed() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(1);
        BoundedSemaphore.Permit permit = semaphore.acquirePermit();
        assertEquals(0, semaphore.availablePermits());
        permit.close();
        permit.close();
        assertEquals(1, semaphore.availablePermits());
    }

    /** A semaphore of three permits and what the threads saw through it: shared by the threads of a repetition. */
    static final class Room {
        final BoundedSemaphore semaphore = new BoundedSemaphore(3);
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
    }

    @Test
    @Concurrently(threads = 8, repeats = 20, perturb = BoundedSemaphore.class)
    void boundsHowManyRunAtOnce(@Shared Room room, ConcurrentThread thread) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (var _ = room.semaphore.acquirePermit()) {
                room.most.accumulateAndGet(room.inside.incrementAndGet(), Math::max);
                room.inside.decrementAndGet();
            }
        }
        thread.awaitOthers();
        assertTrue(room.most.get() <= 3, "most inside at once: " + room.most.get());
        assertEquals(3, room.semaphore.availablePermits());
    }

    @Test
    void permitsMustBePositive() {
        assertEquals("permits must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(0)).getMessage());
    }

    @Test
    void tryAcquireWithAForeverTimeoutWaitsForARelease() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(1);
        semaphore.acquire();
        Thread waiter = Thread.currentThread();
        try (TestThreads threads = new TestThreads()) {
            threads.start("releaser", () -> {
                TestThreads.awaitParked(waiter);
                semaphore.release();
            });
            assertTrue(semaphore.tryAcquire(FOREVER));
        }
        assertEquals(0, semaphore.availablePermits());
    }

    @Test
    void tryAcquireWithAZeroOrNegativeTimeoutChecksOnceWithoutWaiting() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(1);
        for (Duration timeout : NO_WAIT) {
            assertTrue(semaphore.tryAcquire(timeout), timeout.toString());
            assertFalse(semaphore.tryAcquire(timeout), timeout.toString());
            semaphore.release();
        }
    }

    @Test
    void aNullTimeoutIsRefusedWithItsName() {
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> new BoundedSemaphore(1).tryAcquire(null)).getMessage());
    }
}
