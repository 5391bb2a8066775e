package dev.spindle.sync;

import dev.spindle.testkit.TestThreads;
import dev.spindle.testkit.concurrently.ConcurrentThread;
import dev.spindle.testkit.concurrently.Concurrently;
import dev.spindle.testkit.concurrently.Shared;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static dev.spindle.testkit.TimeoutCases.FOREVER;
import static dev.spindle.testkit.TimeoutCases.NO_WAIT;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkQueueTest {

    @Test
    void joinReturnsOnceEveryItemIsDoneNotMerelyTaken() throws Exception {
        WorkQueue<Integer> queue = new WorkQueue<>();
        AtomicLong handled = new AtomicLong();
        int items = 1_000;
        try (TestThreads threads = new TestThreads()) {
            for (int c = 0; c < 3; c++) {
                threads.start("consumer-" + c, () -> {
                    while (true) {
                        int item = queue.take();
                        if (item < 0) {
                            queue.taskDone();
                            return;
                        }
                        handled.addAndGet(item);
                        queue.taskDone();
                    }
                });
            }
            for (int i = 1; i <= items; i++) {
                queue.put(i);
            }
            queue.join();
            assertEquals((long) items * (items + 1) / 2, handled.get());
            assertEquals(0, queue.unfinished());
            for (int c = 0; c < 3; c++) {
                queue.put(-1);
            }
        }
    }

    /** A bounded queue shared by four threads that each put a hundred items and take a hundred back. */
    static final class BoundedQueue {
        final WorkQueue<Integer> queue = new WorkQueue<>(8);
        final AtomicLong taken = new AtomicLong();
    }

    @Test
    @Concurrently(threads = 4, repeats = 20, perturb = WorkQueue.class)
    void producersAndConsumersAtOnceLoseNothing(@Shared BoundedQueue shared, ConcurrentThread thread) throws Exception {
        WorkQueue<Integer> queue = shared.queue;
        for (int i = 1; i <= 100; i++) {
            queue.put(i);
            shared.taken.addAndGet(queue.take());
            queue.taskDone();
        }
        thread.awaitOthers();
        queue.join();
        assertEquals(thread.threads() * 5050L, shared.taken.get());
        assertEquals(0, queue.unfinished());
    }

    @Test
    void shutdownEndsTheConsumersOnceTheQueueIsDrained() throws Exception {
        WorkQueue<Integer> queue = new WorkQueue<>(4);
        AtomicLong handled = new AtomicLong();
        try (TestThreads threads = new TestThreads()) {
            for (int c = 0; c < 2; c++) {
                threads.start("consumer-" + c, () -> {
                    while (true) {
                        int item;
                        try {
                            item = queue.take();
                        } catch (WorkQueue.ShutDownException e) {
                            return;
                        }
                        handled.addAndGet(item);
                        queue.taskDone();
                    }
                });
            }
            for (int i = 1; i <= 100; i++) {
                queue.put(i);
            }
            queue.shutdown();
            assertThrows(WorkQueue.ShutDownException.class, () -> queue.put(1));
            queue.join();
        }
        assertEquals(5050, handled.get());
        assertTrue(queue.isShutdown());
    }

    @Test
    void shutdownNowDrainsWhatWaitsAndReleasesJoin() throws InterruptedException {
        WorkQueue<String> queue = new WorkQueue<>();
        queue.put("a");
        queue.put("b");
        assertEquals(java.util.List.of("a", "b"), queue.shutdownNow());
        assertTrue(queue.join(Duration.ZERO));
        assertThrows(WorkQueue.ShutDownException.class, queue::take);
    }

    @Test
    void taskDoneMoreOftenThanPutIsRefused() throws InterruptedException {
        WorkQueue<String> queue = new WorkQueue<>();
        queue.put("a");
        queue.take();
        queue.taskDone();
        assertThrows(IllegalStateException.class, queue::taskDone);
    }

    @Test
    void aBoundedQueueRefusesAnOfferWhenFull() throws InterruptedException {
        WorkQueue<String> queue = new WorkQueue<>(1);
        assertTrue(queue.offer("a"));
        assertFalse(queue.offer("b"));
        assertEquals(1, queue.unfinished());
        assertFalse(queue.join(Duration.ofMillis(10)));
        assertEquals("a", queue.poll(Duration.ZERO));
        assertNull(queue.poll(Duration.ZERO));
        queue.taskDone();
        assertTrue(queue.join(Duration.ZERO));
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals("capacity must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new WorkQueue<>(0)).getMessage());
        assertThrows(NullPointerException.class, () -> new WorkQueue<String>().put(null));
    }

    @Test
    void pollWithAForeverTimeoutWaitsForAnItem() throws InterruptedException {
        WorkQueue<String> queue = new WorkQueue<>();
        Thread waiter = Thread.currentThread();
        try (TestThreads threads = new TestThreads()) {
            threads.start("producer", () -> {
                TestThreads.awaitParked(waiter);
                queue.put("a");
            });
            assertEquals("a", queue.poll(FOREVER));
        }
    }

    @Test
    void joinWithAForeverTimeoutWaitsUntilEveryItemIsDone() throws InterruptedException {
        WorkQueue<String> queue = new WorkQueue<>();
        queue.put("a");
        queue.take();
        Thread waiter = Thread.currentThread();
        try (TestThreads threads = new TestThreads()) {
            threads.start("consumer", () -> {
                TestThreads.awaitParked(waiter);
                queue.taskDone();
            });
            assertTrue(queue.join(FOREVER));
        }
        assertEquals(0, queue.unfinished());
    }

    @Test
    void aZeroOrNegativeTimeoutChecksOnceWithoutWaiting() throws InterruptedException {
        WorkQueue<String> queue = new WorkQueue<>();
        for (Duration timeout : NO_WAIT) {
            assertNull(queue.poll(timeout), timeout.toString());
            assertTrue(queue.join(timeout), timeout.toString());
        }
        for (Duration timeout : NO_WAIT) {
            queue.put("a");
            assertFalse(queue.join(timeout), timeout.toString());
            assertEquals("a", queue.poll(timeout), timeout.toString());
            queue.taskDone();
        }
    }

    @Test
    void aNullTimeoutIsRefusedWithItsName() {
        WorkQueue<String> queue = new WorkQueue<>();
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> queue.poll(null)).getMessage());
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> queue.join(null)).getMessage());
    }
}
