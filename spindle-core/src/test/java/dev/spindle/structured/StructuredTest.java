package dev.spindle.structured;

import dev.spindle.DeadlineExceededException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
    void withTimeoutReturnsOrCancels() throws InterruptedException {
        assertEquals(7, Structured.withTimeout(Duration.ofMinutes(1), () -> 7));
        assertThrows(DeadlineExceededException.class, () -> Structured.withTimeout(Duration.ofMillis(20), () -> {
            NEVER.await();
            return 0;
        }));
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
    void nullTasksAreRefused() {
        assertThrows(NullPointerException.class, () -> Structured.gather((java.util.Collection<Callable<Integer>>) null));
        assertThrows(NullPointerException.class, () -> Structured.gather(java.util.Arrays.asList(() -> 1, null)));
    }
}
