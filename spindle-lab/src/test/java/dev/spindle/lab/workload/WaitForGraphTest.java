package dev.spindle.lab.workload;

import dev.spindle.testkit.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wait-for graph's detector on platform and on virtual threads: cycles of two and three
 * locks are found and named in order; a chain, a wait that ended in the lock, a cycle of timed
 * waits and a graph in motion are not taken for deadlocks. Every thread started is joined: the
 * deadlocked ones are interrupted, which their {@code lockInterruptibly} turns into an exit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaitForGraphTest {

    /** Generous: the detector is woken by each wait begun, so this is only how long a broken one takes to fail. */
    private static final Duration WITHIN = Duration.ofSeconds(30);

    enum Threads {
        PLATFORM {
            @Override
            Thread.Builder builder() {
                return Thread.ofPlatform();
            }
        },
        VIRTUAL {
            @Override
            Thread.Builder builder() {
                return Thread.ofVirtual();
            }
        };

        abstract Thread.Builder builder();
    }

    private final WaitForGraph graph = new WaitForGraph();

    /** Holds {@code held}, waits until every thread of the test holds its first lock, then waits for {@code wanted}. */
    private static void holdThenWait(NamedLock held, NamedLock wanted, CountDownLatch allHolding) throws InterruptedException {
        held.lockInterruptibly();
        try {
            allHolding.countDown();
            allHolding.await();
            wanted.lockInterruptibly(); // deadlocked until the test interrupts; or free by then, if a neighbour left first
            wanted.unlock();
        } catch (InterruptedException expected) {
            // the test's cleanup
        } finally {
            held.unlock();
        }
    }

    private static String line(Thread thread, String holds, String waitsFor, Thread heldBy) {
        return WaitForGraph.label(thread) + " holds " + holds + ", waits for " + waitsFor + " held by " + WaitForGraph.label(heldBy);
    }

    private void assertNothingLeft(List<Thread> threads, NamedLock... locks) {
        assertEquals(Optional.empty(), graph.findDeadlock());
        for (Thread thread : threads) {
            assertEquals(Optional.empty(), graph.waitingFor(thread), thread + " still recorded as waiting");
        }
        for (NamedLock lock : locks) {
            assertFalse(lock.isLocked(), lock + " left held");
            assertNull(lock.owner(), lock + " still names an owner");
        }
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aTwoLockCycleIsFoundAndNamedInOrder(Threads kind) throws Exception {
        NamedLock a = graph.newLock("A");
        NamedLock b = graph.newLock("B");
        CountDownLatch allHolding = new CountDownLatch(2);
        Thread w1;
        Thread w2;
        try (TestThreads threads = new TestThreads()) {
            w1 = threads.start(kind.builder(), "worker-1", () -> holdThenWait(a, b, allHolding));
            w2 = threads.start(kind.builder(), "worker-2", () -> holdThenWait(b, a, allHolding));
            try {
                WaitForGraph.Deadlock deadlock = graph.awaitDeadlock(WITHIN).orElseThrow(
                        () -> new AssertionError("no deadlock found within " + WITHIN));
                assertEquals(List.of(line(w1, "A", "B", w2), line(w2, "B", "A", w1)), deadlock.lines());
                assertEquals(line(w1, "A", "B", w2) + "; " + line(w2, "B", "A", w1), deadlock.toString());
                assertSame(w1, deadlock.links().getFirst().thread());
                assertEquals(Optional.of(b), graph.waitingFor(w1));
                assertSame(w2, b.owner());
            } finally {
                w1.interrupt();
                w2.interrupt();
            }
        }
        assertNothingLeft(List.of(w1, w2), a, b);
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aThreeLockCycleIsFoundAndNamedInOrder(Threads kind) throws Exception {
        NamedLock a = graph.newLock("A");
        NamedLock b = graph.newLock("B");
        NamedLock c = graph.newLock("C");
        CountDownLatch allHolding = new CountDownLatch(3);
        List<Thread> started;
        try (TestThreads threads = new TestThreads()) {
            // started in an order unlike the cycle's, to see that the report still begins at A
            Thread w3 = threads.start(kind.builder(), "worker-3", () -> holdThenWait(c, a, allHolding));
            Thread w1 = threads.start(kind.builder(), "worker-1", () -> holdThenWait(a, b, allHolding));
            Thread w2 = threads.start(kind.builder(), "worker-2", () -> holdThenWait(b, c, allHolding));
            started = List.of(w1, w2, w3);
            try {
                WaitForGraph.Deadlock deadlock = graph.awaitDeadlock(WITHIN).orElseThrow(
                        () -> new AssertionError("no deadlock found within " + WITHIN));
                assertEquals(List.of(line(w1, "A", "B", w2), line(w2, "B", "C", w3), line(w3, "C", "A", w1)),
                        deadlock.lines());
            } finally {
                started.forEach(Thread::interrupt);
            }
        }
        assertNothingLeft(started, a, b, c);
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aChainThatEndsInARunningThreadIsNoDeadlock(Threads kind) throws Exception {
        NamedLock a = graph.newLock("A");
        NamedLock b = graph.newLock("B");
        CountDownLatch aHeld = new CountDownLatch(1);
        CountDownLatch bHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started;
        try (TestThreads threads = new TestThreads()) {
            Thread head = threads.start(kind.builder(), "head", () -> {
                a.lockInterruptibly();
                try {
                    aHeld.countDown();
                    release.await(); // waits, but not for a lock: the chain ends here
                } finally {
                    a.unlock();
                }
            });
            Thread middle = threads.start(kind.builder(), "middle", () -> {
                aHeld.await();
                b.lockInterruptibly();
                try {
                    bHeld.countDown();
                    a.lockInterruptibly();
                    a.unlock();
                } finally {
                    b.unlock();
                }
            });
            Thread tail = threads.start(kind.builder(), "tail", () -> {
                bHeld.await();
                b.lockInterruptibly();
                b.unlock();
            });
            started = List.of(head, middle, tail);
            try {
                assertEquals(Optional.of(a), graph.awaitWaiting(middle, WITHIN));
                assertEquals(Optional.of(b), graph.awaitWaiting(tail, WITHIN));
                assertEquals(Optional.empty(), graph.findDeadlock(), "tail -> B -> middle -> A -> head is a chain");
            } finally {
                release.countDown();
            }
        }
        assertNothingLeft(started, a, b);
    }

    /**
     * The shape of a false cycle: first waits for B, which second holds; second lets B go and
     * first takes it; now second waits for A, which first holds. Read edge by edge across that
     * moment this is first -> B -> second -> A -> first, a cycle that never existed.
     */
    private static final class Handover {
        final CountDownLatch bHeld = new CountDownLatch(1);
        final CountDownLatch letGoOfB = new CountDownLatch(1);
        final CountDownLatch firstHasBoth = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void second(NamedLock a, NamedLock b) throws InterruptedException {
            b.lockInterruptibly();
            try {
                bHeld.countDown();
                letGoOfB.await();
            } finally {
                b.unlock();
            }
            firstHasBoth.await();
            a.lockInterruptibly();
            a.unlock();
        }

        void first(NamedLock a, NamedLock b) throws InterruptedException {
            bHeld.await();
            a.lockInterruptibly();
            try {
                b.lockInterruptibly();
                try {
                    firstHasBoth.countDown();
                    release.await();
                } finally {
                    b.unlock();
                }
            } finally {
                a.unlock();
            }
        }

        /** Lets every thread run to its end. */
        void finish() {
            letGoOfB.countDown();
            release.countDown();
        }
    }

    /** The false cycle of {@link Handover}, read in two steady states: before and after the handover. */
    @ParameterizedTest
    @EnumSource(Threads.class)
    void aWaitThatEndedInTheLockLeavesNoCycle(Threads kind) throws Exception {
        NamedLock a = graph.newLock("A");
        NamedLock b = graph.newLock("B");
        Handover handover = new Handover();
        List<Thread> started;
        try (TestThreads threads = new TestThreads()) {
            Thread second = threads.start(kind.builder(), "second", () -> handover.second(a, b));
            Thread first = threads.start(kind.builder(), "first", () -> handover.first(a, b));
            started = List.of(first, second);
            try {
                assertEquals(Optional.of(b), graph.awaitWaiting(first, WITHIN));
                assertEquals(Optional.empty(), graph.findDeadlock(), "first -> B -> second, and second waits for nothing");
                handover.letGoOfB.countDown();
                assertTrue(handover.firstHasBoth.await(WITHIN.toNanos(), TimeUnit.NANOSECONDS), "first never got B");
                assertEquals(Optional.empty(), graph.waitingFor(first), "first holds B: its wait must be withdrawn");
                assertSame(first, b.owner());
                assertEquals(Optional.of(a), graph.awaitWaiting(second, WITHIN));
                assertEquals(Optional.empty(), graph.findDeadlock(), "second -> A -> first, and first waits for nothing");
            } finally {
                handover.finish();
            }
        }
        assertNothingLeft(started, a, b);
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void aCycleThroughATimedWaitIsNoDeadlock(Threads kind) throws Exception {
        NamedLock a = graph.newLock("A");
        NamedLock b = graph.newLock("B");
        CountDownLatch allHolding = new CountDownLatch(2);
        List<Thread> started;
        try (TestThreads threads = new TestThreads()) {
            Thread patient = threads.start(kind.builder(), "patient", () -> {
                a.lockInterruptibly();
                try {
                    allHolding.countDown();
                    allHolding.await();
                    if (b.tryLock(1, TimeUnit.MINUTES)) { // outlasts the test: the interrupt ends it
                        b.unlock();
                    }
                } catch (InterruptedException expected) {
                    // the test's cleanup
                } finally {
                    a.unlock();
                }
            });
            Thread stubborn = threads.start(kind.builder(), "stubborn", () -> holdThenWait(b, a, allHolding));
            started = List.of(patient, stubborn);
            try {
                assertEquals(Optional.of(b), graph.awaitWaiting(patient, WITHIN));
                assertEquals(Optional.of(a), graph.awaitWaiting(stubborn, WITHIN));
                assertEquals(Optional.empty(), graph.findDeadlock(), "the timed wait ends by itself");
            } finally {
                started.forEach(Thread::interrupt);
            }
        }
        assertNothingLeft(started, a, b);
    }

    /**
     * The false cycle of {@link Handover}, made to happen in the middle of a walk: the walk reads
     * first -> B -> second; then, before it reads on, second lets B go, first takes it, and second
     * waits for A, which first holds. Read on, second -> A -> first closes a cycle that never
     * existed; the second reading of its records must reject it.
     */
    @ParameterizedTest
    @EnumSource(Threads.class)
    void edgesReadAtDifferentTimesAreNotTakenForACycle(Threads kind) throws Exception {
        Handover handover = new Handover();
        Thread[] walkedFrom = new Thread[1];
        AtomicReference<TestThreads.Body> moveOnce = new AtomicReference<>();
        WaitForGraph moving = new WaitForGraph((thread, waitsFor, heldBy) -> {
            TestThreads.Body move = thread == walkedFrom[0] ? moveOnce.getAndSet(null) : null;
            if (move != null) {
                try {
                    move.run();
                } catch (Throwable t) {
                    throw new AssertionError("moving the threads mid-walk failed", t);
                }
            }
        });
        NamedLock a = moving.newLock("A");
        NamedLock b = moving.newLock("B");
        try (TestThreads threads = new TestThreads()) {
            Thread second = threads.start(kind.builder(), "second", () -> handover.second(a, b));
            Thread first = threads.start(kind.builder(), "first", () -> handover.first(a, b));
            walkedFrom[0] = first;
            AtomicBoolean moved = new AtomicBoolean();
            moveOnce.set(() -> { // once the walk has read first -> B -> second
                handover.letGoOfB.countDown();
                assertTrue(handover.firstHasBoth.await(WITHIN.toNanos(), TimeUnit.NANOSECONDS), "first never got B");
                assertEquals(Optional.of(a), moving.awaitWaiting(second, WITHIN));
                moved.set(true);
            });
            try {
                assertEquals(Optional.of(b), moving.awaitWaiting(first, WITHIN));
                assertEquals(Optional.empty(), moving.findDeadlock());
                assertTrue(moved.get(), "the walk never read first -> B: the test proved nothing");
                assertEquals(Optional.empty(), moving.findDeadlock(), "now a chain: second -> A -> first");
            } finally {
                handover.finish();
            }
        }
    }

    @Test
    void aReentrantHoldIsOneHoldAndOnlyTheHolderUnlocks() throws Exception {
        NamedLock a = graph.newLock("A");
        Thread me = Thread.currentThread();
        a.lock();
        a.lock();
        assertSame(me, a.owner());
        a.unlock();
        assertSame(me, a.owner(), "still held once");
        assertEquals(Optional.empty(), graph.waitingFor(me), "a reentrant lock never waits");
        a.unlock();
        assertNull(a.owner());
        IllegalMonitorStateException free = assertThrows(IllegalMonitorStateException.class, a::unlock);
        assertEquals("A is not held by " + WaitForGraph.label(me) + "; held by no thread", free.getMessage());

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestThreads threads = new TestThreads()) {
            Thread holder = threads.start("holder", () -> {
                a.lock();
                try {
                    held.countDown();
                    release.await();
                } finally {
                    a.unlock();
                }
            });
            try {
                held.await();
                IllegalMonitorStateException taken = assertThrows(IllegalMonitorStateException.class, a::unlock);
                assertEquals("A is not held by " + WaitForGraph.label(me) + "; held by " + WaitForGraph.label(holder),
                        taken.getMessage());
            } finally {
                release.countDown();
            }
        }
        assertEquals("A: a NamedLock has no conditions, since waiting on one would release the lock without the"
                + " wait-for graph knowing", assertThrows(UnsupportedOperationException.class, a::newCondition).getMessage());
    }

    @Test
    void anInterruptedThreadDoesNotTakeTheLock() {
        NamedLock a = graph.newLock("A");
        Thread.currentThread().interrupt();
        InterruptedException e = assertThrows(InterruptedException.class, a::lockInterruptibly);
        assertEquals("A: interrupted before locking", e.getMessage());
        assertFalse(a.isLocked());
        assertFalse(Thread.interrupted(), "the interrupt is consumed, as ReentrantLock does");
    }
}
