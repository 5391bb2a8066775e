package dev.spindle.sync;

import dev.spindle.testkit.TestThreads;
import dev.spindle.testkit.concurrently.ConcurrentThread;
import dev.spindle.testkit.concurrently.Concurrently;
import dev.spindle.testkit.concurrently.Shared;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static dev.spindle.testkit.TimeoutCases.FOREVER;
import static dev.spindle.testkit.TimeoutCases.NO_WAIT;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTest {

    @Test
    void setClearAndIsSet() {
        Event event = new Event();
        assertFalse(event.isSet());
        event.set();
        event.set();
        assertTrue(event.isSet());
        event.clear();
        assertFalse(event.isSet());
    }

    @Test
    void awaitReturnsAtOnceWhenSet() throws InterruptedException {
        Event event = new Event();
        event.set();
        event.await();
        assertTrue(event.await(Duration.ZERO));
    }

    @Test
    void awaitTimesOutWhenNeverSet() throws InterruptedException {
        assertFalse(new Event().await(Duration.ofMillis(20)));
    }

    /** One thread sets, the others wait: in whatever order the perturbed threads arrive, every waiter returns. */
    @Test
    @Concurrently(threads = 5, repeats = 50, perturb = Event.class)
    void setWakesEveryWaiter(@Shared Event event, ConcurrentThread thread) throws InterruptedException {
        if (thread.index() == 0) {
            event.set();
        } else {
            event.await();
        }
        assertTrue(event.isSet());
    }

    @Test
    void aSetFollowedByAClearStillReleasesThoseWaiting() throws Exception {
        Event event = new Event();
        CountDownLatch waiting = new CountDownLatch(1);
        try (TestThreads threads = new TestThreads()) {
            Thread waiter = threads.start("waiter", () -> {
                waiting.countDown();
                assertTrue(event.await(Duration.ofMinutes(1)), "the waiter missed a set() that a clear() followed");
            });
            waiting.await();
            while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait(); // until the waiter is parked in await
            }
            event.set();
            event.clear();
        }
    }

    @Test
    void aForeverTimeoutWaitsUntilSet() throws InterruptedException {
        Event event = new Event();
        Thread waiter = Thread.currentThread();
        try (TestThreads threads = new TestThreads()) {
            threads.start("setter", () -> {
                TestThreads.awaitParked(waiter);
                event.set();
            });
            assertTrue(event.await(FOREVER));
        }
    }

    @Test
    void aZeroOrNegativeTimeoutChecksOnceWithoutWaiting() throws InterruptedException {
        Event event = new Event();
        for (Duration timeout : NO_WAIT) {
            assertFalse(event.await(timeout), timeout.toString());
        }
        event.set();
        for (Duration timeout : NO_WAIT) {
            assertTrue(event.await(timeout), timeout.toString());
        }
    }

    @Test
    void aNullTimeoutIsRefusedWithItsName() {
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> new Event().await(null)).getMessage());
    }
}
