package dev.spindle;

import dev.spindle.testkit.TestThreads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedVirtualThreadsPoolTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.virtualThreads(workers);
    }

    @Test
    void limitMustBePositive() {
        assertEquals("maxConcurrency must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Pool.virtualThreads(0)).getMessage());
    }

    @Test
    void neverRunsMoreThanTheLimitAtOnce() throws Exception {
        Pool pool = pool(3);
        assertEquals("virtualThreads(3)", pool.name());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch threeIn = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            futures.add(pool.run(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                threeIn.countDown();
                release.await();
                running.decrementAndGet();
            }));
        }
        assertTrue(threeIn.await(HANG_SECONDS, TimeUnit.SECONDS));
        release.countDown();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(HANG_SECONDS, TimeUnit.SECONDS);
        assertEquals(3, most.get());
    }

    @Test
    void submittersNeverBlockOnTheLimit() {
        Pool pool = pool(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestThreads threads = new TestThreads()) {
            threads.start("submitter", () -> {
                for (int i = 0; i < 100; i++) {
                    pool.run(release::await);
                }
                release.countDown();
            });
        }
    }
}
