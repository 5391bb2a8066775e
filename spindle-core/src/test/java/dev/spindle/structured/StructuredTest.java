package dev.spindle.structured;

import dev.spindle.DeadlineExceededException;
import dev.spindle.testkit.TestThreads;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.spindle.testkit.TimeoutCases.FOREVER;
import static dev.spindle.testkit.TimeoutCases.NO_WAIT;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructuredTest {

    private static final CountDownLatch NEVER = new CountDownLatch(1);

    @Test
    void gatherReturnsResultsInTaskOrder() throws InterruptedException {
        List<Callable<String>> tasks = List.of(() -> "a", () -> "b", () -> "c");
        assertEquals(List.of("a", "b", "c"), Structured.gather(tasks));
    }

    @Test
    void gatherFailsWithTheGroupFailure() {
        List<Callable<String>> tasks = List.of(() -> "a", () -> {
            throw new IOException("down");
        });
        GroupFailedException thrown = assertThrows(GroupFailedException.class, () -> Structured.gather(tasks));
        assertInstanceOf(IOException.class, thrown.getCause());
    }

    @Test
    void gatherSettledCollectsFailuresInsteadOfThrowing() throws InterruptedException {
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> {
            throw new IllegalStateException("no");
        }, () -> 3);
        List<Outcome<Integer>> outcomes = Structured.gatherSettled(tasks);
        assertEquals(new Outcome.Success<>(1), outcomes.get(0));
        assertInstanceOf(Outcome.Failure.class, outcomes.get(1));
        assertFalse(outcomes.get(1).isSuccess());
        assertThrows(CompletionException.class, outcomes.get(1)::orElseThrow);
        assertEquals(3, outcomes.get(2).orElseThrow());
    }

    @Test
    void firstSuccessfulReturnsTheWinnerAndCancelsTheRest() throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        Callable<String> slow = () -> {
            started.incrementAndGet();
            try {
                NEVER.await();
            } finally {
                ended.incrementAndGet();
            }
            return "slow";
        };
        assertEquals("fast", Structured.firstSuccessful(List.of(slow, () -> "fast", slow)));
        assertEquals(started.get(), ended.get(), "firstSuccessful returned while a loser still ran");
    }

    @Test
    void gatherTakesTasksAsArguments() throws InterruptedException {
        assertEquals(List.of("a", "b"), Structured.gather(() -> "a", () -> "b"));
    }

    @Test
    void firstSuccessfulIgnoresFailuresWhileOneSucceeds() throws InterruptedException {
        Callable<String> failing = () -> {
            throw new IllegalStateException("x");
        };
        assertEquals("ok", Structured.firstSuccessful(List.of(failing, () -> "ok")));
    }

    @Test
    void firstSuccessfulFailsWhenEveryTaskFails() {
        Callable<String> failing = () -> {
            throw new IllegalStateException("x");
        };
        GroupFailedException thrown = assertThrows(GroupFailedException.class,
                () -> Structured.firstSuccessful(List.of(failing, failing)));
        assertEquals(2, thrown.failures().size());
        assertThrows(IllegalArgumentException.class, () -> Structured.firstSuccessful(List.<Callable<String>>of()));
    }

    @Test
    void firstSuccessfulListsItsFailuresInTheOrderTheyHappened() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        AtomicReference<Thread> firstThread = new AtomicReference<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        Callable<String> forkedFirstFailsSecond = () -> {
            firstStarted.await();
            firstThread.get().join(); // that thread ends only after its failure is recorded
            throw second;
        };
        Callable<String> forkedSecondFailsFirst = () -> {
            firstThread.set(Thread.currentThread());
            firstStarted.countDown();
            throw first;
        };
        GroupFailedException thrown = assertThrows(GroupFailedException.class,
                () -> Structured.firstSuccessful(List.of(forkedFirstFailsSecond, forkedSecondFailsFirst)));
        assertSame(first, thrown.getCause());
        assertEquals(List.of(first, second), thrown.failures());
        assertEquals(List.of(first, second), List.of(thrown.getSuppressed()));
        assertEquals("firstSuccessful: every task failed: 2 subtasks failed, first java.lang.IllegalStateException: first",
                thrown.getMessage());
    }

    @Test
    void withTimeoutReturnsOrCancels() throws InterruptedException {
        assertEquals(7, Structured.withTimeout(Duration.ofMinutes(1), () -> 7));
        assertThrows(DeadlineExceededException.class, () -> Structured.withTimeout(Duration.ofMillis(20), () -> {
            NEVER.await();
            return 0;
        }));
    }

    @Test
    void withTimeoutOnATaskThatIgnoresInterruptsReturnsOnlyOnceTheTaskEnds() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        try (TestThreads threads = new TestThreads()) {
            Thread caller = threads.start("caller", () -> {
                assertThrows(DeadlineExceededException.class, () -> Structured.withTimeout(Duration.ofMillis(10), () -> {
                    try {
                        NEVER.await();
                    } catch (InterruptedException e) {
                        interrupted.countDown(); // and carries on, as a task deaf to interrupts does
                    }
                    release.await();
                    ended.set(true);
                    return 0;
                }));
                assertTrue(ended.get(), "withTimeout returned while its task still ran");
            });
            assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the timeout never cancelled the task");
            TestThreads.awaitParked(caller);
            release.countDown();
        }
    }

    @Test
    @SuppressWarnings("divzero") // the task's exception, on purpose
    void withTimeoutRethrowsTheTaskException() {
        assertThrows(ArithmeticException.class, () -> Structured.withTimeout(Duration.ofMinutes(1), () -> 1 / 0));
        CompletionException wrapped = assertThrows(CompletionException.class, () -> Structured.withTimeout(Duration.ofMinutes(1), () -> {
            throw new IOException("io");
        }));
        assertInstanceOf(IOException.class, wrapped.getCause());
    }

    @Test
    void offloadMovesWorkFromAVirtualThreadToAPlatformThread() throws Exception {
        List<Callable<Boolean>> fromVirtual = List.of(() -> Structured.offload(() -> Thread.currentThread().isVirtual()));
        assertEquals(List.of(false), Structured.gather(fromVirtual));
    }

    @Test
    void theSharedOffloadPoolNamesItsThreads() throws InterruptedException {
        String name = Structured.offload(() -> Thread.currentThread().getName());
        assertTrue(name.matches("spindle-offload-[0-9]+-[0-9]+"), name);
    }

    @Test
    void nullTasksAreRefused() {
        assertThrows(NullPointerException.class, () -> Structured.gather((java.util.Collection<Callable<Integer>>) null));
        assertThrows(NullPointerException.class, () -> Structured.gather(java.util.Arrays.asList(() -> 1, null)));
    }

    @Test
    void aForeverDeadlineWaitsForTheTasks() throws Exception {
        CountDownLatch a = new CountDownLatch(1);
        assertEquals(List.of("a"), releasedOnceParked(a, () -> Structured.gather(List.of(() -> {
            a.await();
            return "a";
        }), FOREVER)));
        CountDownLatch b = new CountDownLatch(1);
        assertEquals("b", releasedOnceParked(b, () -> Structured.firstSuccessful(List.of(() -> {
            b.await();
            return "b";
        }), FOREVER)));
        CountDownLatch c = new CountDownLatch(1);
        assertEquals("c", releasedOnceParked(c, () -> Structured.withTimeout(FOREVER, () -> {
            c.await();
            return "c";
        })));
    }

    /** Runs {@code call} in this thread while another opens {@code release} once this one is parked. */
    private static <T> T releasedOnceParked(CountDownLatch release, Callable<T> call) throws Exception {
        Thread caller = Thread.currentThread();
        try (TestThreads threads = new TestThreads()) {
            threads.start("releaser", () -> {
                TestThreads.awaitParked(caller);
                release.countDown();
            });
            return call.call();
        }
    }

    @Test
    void aZeroOrNegativeDeadlineRunsNothingAndThrows() {
        AtomicInteger ran = new AtomicInteger();
        Callable<Integer> task = ran::incrementAndGet;
        for (Duration deadline : NO_WAIT) {
            TaskGroupTest.assertDeadlineExceeded(deadline, () -> Structured.gather(List.of(task), deadline));
            TaskGroupTest.assertDeadlineExceeded(deadline, () -> Structured.firstSuccessful(List.of(task), deadline));
            TaskGroupTest.assertDeadlineExceeded(deadline, () -> Structured.withTimeout(deadline, task));
        }
        assertEquals(0, ran.get());
    }

    @Test
    void aNullDeadlineIsRefusedWithItsName() {
        List<Callable<Integer>> tasks = List.of(() -> 1);
        assertEquals("deadline", assertThrows(NullPointerException.class, () -> Structured.gather(tasks, null)).getMessage());
        assertEquals("deadline", assertThrows(NullPointerException.class, () -> Structured.firstSuccessful(tasks, null)).getMessage());
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> Structured.withTimeout(null, () -> 1)).getMessage());
    }
}
