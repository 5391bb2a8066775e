package dev.spindle.sync;

import dev.spindle.testkit.TestThreads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

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

    @Test
    void boundsHowManyRunAtOnce() {
        BoundedSemaphore semaphore = new BoundedSemaphore(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        TestThreads.runConcurrently(8, index -> {
            for (int i = 0; i < 2_000; i++) {
                try (var _ = semaphore.acquirePermit()) {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    inside.decrementAndGet();
                }
            }
        });
        assertTrue(most.get() <= 3, "most inside at once: " + most.get());
        assertEquals(3, semaphore.availablePermits());
    }

    @Test
    void permitsMustBePositive() {
        assertEquals("permits must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(0)).getMessage());
    }
}
