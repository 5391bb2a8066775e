package dev.spindle.structured;

import dev.spindle.DeadlineExceededException;
import dev.spindle.testkit.TestThreads;
import dev.spindle.testkit.ThreadDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.spindle.testkit.TimeoutCases.FOREVER;
import static dev.spindle.testkit.TimeoutCases.NO_WAIT;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskGroupTest {

    private static final CountDownLatch NEVER = new CountDownLatch(1);

    /** How long a latch may wait before the scenario counts as hung. */
    private static final long HANG_SECONDS = 30;

    @Test
    void joinReturnsResultsInForkOrder() throws InterruptedException {
        try (TaskGroup<Integer> group = TaskGroup.open()) {
            Subtask<Integer> a = group.fork(() -> 1);
            Subtask<Integer> b = group.fork(() -> 2);
            group.fork(() -> null);
            assertEquals(java.util.Arrays.asList(1, 2, null), group.join());
            assertEquals(1, a.get());
            assertEquals(Subtask.State.SUCCESS, b.state());
        }
    }

    @Test
    void theFirstFailureCancelsTheSiblings() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicBoolean siblingInterrupted = new AtomicBoolean();
        CountDownLatch siblingWaiting = new CountDownLatch(1);
        Subtask<Object> sibling;
        try (TaskGroup<Object> group = TaskGroup.open()) {
            sibling = group.fork(() -> {
                siblingWaiting.countDown();
                try {
                    NEVER.await();
                } catch (InterruptedException e) {
                    siblingInterrupted.set(true);
                    throw e;
                }
                return null;
            });
            group.fork(() -> {
                siblingWaiting.await();
                throw boom;
            });
            GroupFailedException thrown = assertThrows(GroupFailedException.class, group::join);
            assertSame(boom, thrown.getCause());
            assertEquals(List.of(boom), thrown.failures());
            assertEquals(List.of(boom), List.of(thrown.getSuppressed()));
        }
        assertTrue(siblingInterrupted.get());
        assertEquals(Subtask.State.CANCELLED, sibling.state());
    }

    @Test
    void everyFailureIsCarried() throws InterruptedException {
        CyclicBarrier together = new CyclicBarrier(2);
        try (TaskGroup<Object> group = TaskGroup.open()) {
            group.fork(() -> {
                together.await();
                throw new IllegalStateException("a");
            });
            group.fork(() -> {
                together.await();
                throw new IllegalArgumentException("b");
            });
            GroupFailedException thrown = assertThrows(GroupFailedException.class, group::join);
            assertEquals(2, thrown.failures().size());
            assertEquals(2, thrown.getSuppressed().length);
            assertTrue(thrown.getMessage().contains("2 subtasks failed"), thrown.getMessage());
        }
    }

    /** Before the fix, an owner already interrupted when it called join left the subtasks running. */
    @Test
    void anOwnerInterruptedBeforeJoinCancelsTheSubtasks() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (TaskGroup<Object> group = TaskGroup.open()) {
            group.fork(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return null;
            });
            assertTrue(started.await(30, TimeUnit.SECONDS));
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, group::join);
            assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the subtask kept running after the owner's join was interrupted");
        }
    }

    @Test
    @SuppressWarnings("try") // closed inside the block on purpose, to read the state after close
    void aDeadlineCancelsEverything() {
        AtomicBoolean interrupted = new AtomicBoolean();
        try (TaskGroup<Object> group = TaskGroup.open(Duration.ofMillis(50))) {
            Subtask<Object> slow = group.fork(() -> {
                try {
                    NEVER.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
                return null;
            });
            DeadlineExceededException thrown = assertThrows(DeadlineExceededException.class, group::join);
            assertTrue(thrown.getMessage().contains("PT0.05S"), thrown.getMessage());
            group.close();
            assertEquals(Subtask.State.CANCELLED, slow.state());
        }
        assertTrue(interrupted.get());
    }

    @Test
    void theDeadlineCancelsTheSubtasksWhileTheOwnerIsBusyElsewhere() throws InterruptedException {
        Duration deadline = Duration.ofMillis(10);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<Thread> subtaskThread = new AtomicReference<>();
        try (TaskGroup<Object> group = TaskGroup.open(deadline)) {
            Subtask<Object> blocked = group.fork(() -> {
                subtaskThread.set(Thread.currentThread());
                try {
                    NEVER.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return null;
            });
            // The owner is busy here, not in join: only the deadline can interrupt the subtask.
            assertTrue(interrupted.await(HANG_SECONDS, TimeUnit.SECONDS), "the deadline passed and the subtask still ran");
            subtaskThread.get().join();
            assertEquals(Subtask.State.CANCELLED, blocked.state());
            assertDeadlineExceeded(deadline, group::join);
        }
    }

    @Test
    void aGroupWithADeadlineLeavesNoThreadRunningOnceClosed() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        String name;
        try (TaskGroup<Object> group = TaskGroup.open(FOREVER)) {
            group.fork(() -> {
                started.countDown();
                NEVER.await();
                return null;
            });
            assertTrue(started.await(HANG_SECONDS, TimeUnit.SECONDS));
            Matcher matcher = Pattern.compile("TaskGroup\\[(taskgroup-[0-9]+),").matcher(group.toString());
            assertTrue(matcher.find(), group.toString());
            name = matcher.group(1);
            String dump = ThreadDumps.allThreadsJson();
            assertTrue(dump.contains('"' + name + "-0\""), dump);
            assertTrue(dump.contains('"' + name + "-deadline\""), dump);
        }
        String dump = ThreadDumps.allThreadsJson();
        assertFalse(dump.contains('"' + name + "-"), dump);
    }

    @Test
    void closingCancelsWhatStillRunsAndWaitsForIt() {
        AtomicBoolean ended = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        TaskGroup<Object> group = TaskGroup.open();
        group.fork(() -> {
            started.countDown();
            try {
                NEVER.await();
            } finally {
                ended.set(true);
            }
            return null;
        });
        try {
            assertTrue(started.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        group.close();
        assertTrue(ended.get(), "close returned before the subtask ended");
        assertThrows(IllegalStateException.class, () -> group.fork(() -> 1));
    }

    @Test
    void onlyTheOwnerMayJoinOrClose() {
        try (TaskGroup<Object> group = TaskGroup.open()) {
            AtomicReference<Throwable> joinError = new AtomicReference<>();
            AtomicReference<Throwable> closeError = new AtomicReference<>();
            try (TestThreads threads = new TestThreads()) {
                threads.start("intruder", () -> {
                    joinError.set(assertThrows(WrongThreadException.class, group::join));
                    closeError.set(assertThrows(WrongThreadException.class, group::close));
                });
            }
            assertInstanceOf(WrongThreadException.class, joinError.get());
            assertInstanceOf(WrongThreadException.class, closeError.get());
        }
    }

    @Test
    void aCancelledGroupStartsNoMoreSubtasks() throws InterruptedException {
        try (TaskGroup<Integer> group = TaskGroup.open()) {
            group.cancel();
            AtomicBoolean ran = new AtomicBoolean();
            Subtask<Integer> late = group.fork(() -> {
                ran.set(true);
                return 1;
            });
            assertEquals(Subtask.State.CANCELLED, late.state());
            assertThrows(java.util.concurrent.CancellationException.class, group::join);
            assertFalse(ran.get());
            assertThrows(IllegalStateException.class, late::get);
        }
    }

    @Test
    void aForeverDeadlineWaitsForTheSubtasks() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = Thread.currentThread();
        try (TaskGroup<Integer> group = TaskGroup.open(FOREVER);
             TestThreads threads = new TestThreads()) {
            group.fork(() -> {
                release.await();
                return 1;
            });
            threads.start("releaser", () -> {
                TestThreads.awaitParked(owner);
                release.countDown();
            });
            assertEquals(List.of(1), group.join());
        }
    }

    @Test
    void aZeroOrNegativeDeadlineIsExpiredFromTheStart() {
        for (Duration deadline : NO_WAIT) {
            AtomicBoolean ran = new AtomicBoolean();
            try (TaskGroup<Object> group = TaskGroup.open(deadline)) {
                Subtask<Object> subtask = group.fork(() -> ran.getAndSet(true));
                assertEquals(Subtask.State.CANCELLED, subtask.state(), deadline.toString());
                assertDeadlineExceeded(deadline, group::join);
            }
            assertFalse(ran.get(), deadline.toString());
            try (TaskGroup<Object> empty = TaskGroup.open(deadline)) {
                assertDeadlineExceeded(deadline, empty::join);
            }
        }
    }

    @Test
    void aNullDeadlineIsRefusedWithItsName() {
        assertEquals("deadline", assertThrows(NullPointerException.class, () -> TaskGroup.open(null)).getMessage());
    }

    /** Asserts that {@code call} throws a group's {@link DeadlineExceededException} for {@code deadline}. */
    static void assertDeadlineExceeded(Duration deadline, Executable call) {
        String message = assertThrows(DeadlineExceededException.class, call).getMessage();
        assertTrue(message.matches("taskgroup-[0-9]+ did not finish within " + Pattern.quote(deadline.toString())), message);
    }
}
