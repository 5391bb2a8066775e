package dev.spindle.sync;

import dev.spindle.testkit.TestThreads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

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
}
