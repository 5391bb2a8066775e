package dev.spindle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** joblib's one-liner: job counts as joblib reads them, results in order, failures that name the input. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelTest {

    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    @Test
    void negativeJobCountsCountBackFromTheCores() {
        assertEquals(4, Parallel.resolve(4, 2));
        assertEquals(2, Parallel.resolve(-1, 2));
        assertEquals(1, Parallel.resolve(-2, 2));
        assertEquals(7, Parallel.resolve(-2, 8));
        assertEquals("jobs=-3 leaves no worker on 2 cores: the most negative is -2",
                assertThrows(IllegalArgumentException.class, () -> Parallel.resolve(-3, 2)).getMessage());
        assertEquals("jobs must not be 0: give a count of workers, or -1 for every core",
                assertThrows(IllegalArgumentException.class, () -> Parallel.jobs(0)).getMessage());
        assertEquals("batch size must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Parallel.jobs(2).batchSize(0)).getMessage());
        assertThrows(NullPointerException.class, () -> Parallel.jobs(2).map(null, HUNDRED));
    }

    @Test
    void mapReturnsEveryResultInInputOrderOnEveryKindOfPool() {
        List<Integer> squares = HUNDRED.stream().map(i -> i * i).toList();
        assertEquals(squares, Parallel.jobs(2).map(i -> i * i, HUNDRED));
        assertEquals(squares, Parallel.jobs(-1).prefer(Parallel.Prefer.VIRTUAL).map(i -> i * i, HUNDRED));
        assertEquals(squares, Parallel.jobs(3).batchSize(7).map(i -> i * i, HUNDRED));
        try (Pool pool = Pool.forkJoin(2)) {
            assertEquals(squares, Parallel.jobs(1).using(pool).map(i -> i * i, HUNDRED));
            assertEquals(4, pool.submit(() -> 4).join(), "a pool given with using() is left open");
        }
    }

    @Test
    void aFailedInputIsNamedAndTheRestCancelled() {
        AtomicInteger started = new AtomicInteger();
        JobFailedException e = assertThrows(JobFailedException.class, () -> Parallel.jobs(2).batchSize(1).map(i -> {
            started.incrementAndGet();
            if (i == 3) {
                throw new IllegalStateException("three");
            }
            return i;
        }, HUNDRED));
        assertEquals(3, e.index());
        assertEquals("input #3 (3) failed: java.lang.IllegalStateException: three", e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void streamRunsOnlyAsItIsReadAndClosesItsPool() {
        AtomicInteger calls = new AtomicInteger();
        try (Stream<Integer> lazy = Parallel.jobs(1).batchSize(1).stream(i -> calls.incrementAndGet() * 0 + i, HUNDRED)) {
            List<Integer> firstFive = lazy.limit(5).toList();
            assertEquals(List.of(0, 1, 2, 3, 4), firstFive);
        }
        assertTrue(calls.get() < 100, "inputs past the window never ran: " + calls.get());
        List<Integer> all = new ArrayList<>();
        Parallel.jobs(2).stream((Integer i) -> i + 1, HUNDRED).forEach(all::add);
        assertEquals(100, all.size());
    }

    @Test
    void verboseReportsProgressAndTheBatchSizes() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Integer> result = Parallel.jobs(2).verbose(new PrintStream(printed, true, StandardCharsets.UTF_8)).map(i -> i, HUNDRED);
        assertEquals(HUNDRED, result);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[Parallel(jobs=2, threads)] 100 inputs on threads(2)"), text);
        assertTrue(text.contains("finished 100 inputs in "), text);
        assertTrue(text.contains("(batch size "), text);
    }

    @Test
    void aPreferredKindWhoseModuleIsMissingSaysWhatToAdd() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Parallel.jobs(2).prefer(Parallel.Prefer.ISOLATED).map(i -> i, HUNDRED));
        assertTrue(e.getMessage().startsWith("no provider of isolated pools was found: add the dependency dev.spindle:spindle-isolate"),
                e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
