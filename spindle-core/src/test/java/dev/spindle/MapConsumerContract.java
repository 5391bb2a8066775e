package dev.spindle;

import dev.spindle.testkit.SharedCounter;
import dev.spindle.testkit.TestThreads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract, part nine: a map's tasks never outlive its consumer (whichever way it leaves),
 * bad elements are named by index, and tiny inputs are grouped while slow ones are not.
 */
public interface MapConsumerContract extends PoolFixture {

    /**
     * A map function whose element 0 counts itself done and returns at once, and whose other
     * elements count themselves started, wait until interrupted, and count that too: it shows
     * whether leaving the stream reaches the tasks still running.
     */
    record Blocking(SharedCounter zeroDone, SharedCounter started, SharedCounter interrupted) implements TaskFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            if (x == 0) {
                zeroDone.incrementAndGet();
                return 0;
            }
            started.incrementAndGet();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
            return x;
        }
    }

    /**
     * Every task that started has been interrupted. (How many start depends on the backend: under
     * the lab's emulated GIL a task blocked outside the GIL's blocking calls keeps the others out.)
     */
    private static void assertEveryStartedTaskWasInterrupted(SharedCounter started, SharedCounter interrupted)
            throws InterruptedException {
        long seen;
        do {
            seen = started.get();
            assertTrue(interrupted.awaitAtLeast(seen, HANG),
                    started.get() + " tasks started but only " + interrupted.get() + " were interrupted: the rest kept running");
        } while (started.get() != seen);
    }

    private void assertEveryStartedTaskIsInterruptedWhenTheConsumerLeaves(Function<Stream<Integer>, Object> consumer, boolean ordered)
            throws Exception {
        assumeTrue(!runsInCaller(), "tasks that run in the caller have ended before the consumer leaves");
        Pool pool = pool(2);
        SharedCounter started = shared().counter("started");
        SharedCounter interrupted = shared().counter("interrupted");
        SharedCounter zeroDone = shared().counter("zero-done");
        MapOptions options = MapOptions.defaults().withInFlight(3).withChunkSize(1);
        // The input hands out element 1 only once element 0's task is done: a task that blocks may
        // hold every worker (under the lab's emulated GIL it does), and element 0 must get through.
        Iterator<Integer> inputs = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < 100;
            }

            @Override
            public Integer next() {
                if (next == 1) {
                    try {
                        assertTrue(zeroDone.awaitAtLeast(1, HANG), "element 0 never ran");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
                return next++;
            }
        };
        Blocking blocking = new Blocking(zeroDone, started, interrupted);
        Stream<Integer> results = ordered ? pool.map(blocking, inputs, options) : pool.mapUnordered(blocking, inputs, options);
        consumer.apply(results.peek(x -> {
            try { // a task after element 0 is running before the consumer leaves
                assertTrue(started.awaitAtLeast(1, HANG), "the tasks never started");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        assertEveryStartedTaskWasInterrupted(started, interrupted);
        pool.close(); // returns: nothing is left running
    }

    @Test
    default void limitCancelsTheTasksStillInFlight() throws Exception {
        assertEveryStartedTaskIsInterruptedWhenTheConsumerLeaves(s -> s.limit(1).toList(), true);
    }

    @Test
    default void findFirstCancelsTheTasksStillInFlight() throws Exception {
        assertEveryStartedTaskIsInterruptedWhenTheConsumerLeaves(s -> s.findFirst().orElseThrow(), true);
    }

    @Test
    default void anyMatchOnAnUnorderedMapCancelsTheTasksStillInFlight() throws Exception {
        assertEveryStartedTaskIsInterruptedWhenTheConsumerLeaves(s -> s.anyMatch(x -> x == 0), false);
    }

    @Test
    default void aConsumerThatThrowsCancelsTheTasksStillInFlight() throws Exception {
        assertEveryStartedTaskIsInterruptedWhenTheConsumerLeaves(s -> assertThrows(IllegalStateException.class,
                () -> s.forEach(x -> {
                    throw new IllegalStateException("consumer bug");
                })), true);
    }

    @Test
    default void closingTheStreamCancelsTheTasksStillInFlight() throws Exception {
        assertEveryStartedTaskIsInterruptedWhenTheConsumerLeaves(s -> {
            try (s) {
                Iterator<Integer> iterator = s.iterator();
                return iterator.next();
            }
        }, true);
    }

    /** Before the fix, the task the reader was waiting for ran on to its end. */
    @Test
    default void interruptingTheReaderOfAnOrderedMapCancelsEveryTaskItWasWaitingFor() throws Exception {
        assumeTrue(!runsInCaller(), "tasks that run in the caller have ended before the reader waits");
        Pool pool = pool(2);
        SharedCounter started = shared().counter("started");
        SharedCounter interrupted = shared().counter("interrupted");
        AtomicBoolean keptInterrupt = new AtomicBoolean();
        try (TestThreads threads = new TestThreads()) {
            Thread reader = threads.start("reader", () -> {
                Stream<Integer> results = pool.map(new Blocking(shared().counter("zero-done"), started, interrupted), IntStream.range(1, 100).boxed().toList(),
                        MapOptions.defaults().withInFlight(3).withChunkSize(1));
                CancellationException thrown = assertThrows(CancellationException.class, results::toList);
                assertEquals("map was interrupted while waiting for a result; its tasks were cancelled", thrown.getMessage());
                keptInterrupt.set(Thread.currentThread().isInterrupted());
            });
            assertTrue(started.awaitAtLeast(1, HANG), "the tasks never started");
            reader.interrupt();
        }
        assertEveryStartedTaskWasInterrupted(started, interrupted);
        assertTrue(keptInterrupt.get(), "the reader's interrupt status was lost");
        pool.close();
    }

    @Test
    default void aNullInputIsPassedToTheFunctionAndItsFailureNamesTheIndex() {
        Pool pool = pool(2);
        List<String> inputs = Arrays.asList("a", null, "c");
        assertEquals(Arrays.asList("A", null, "C"),
                pool.map((String x) -> x == null ? null : x.toUpperCase(Locale.ROOT), inputs).toList());
        MapFailedException failure = assertThrows(MapFailedException.class, () -> pool.map(String::length, inputs).toList());
        assertEquals(1, failure.index());
        assertInstanceOf(NullPointerException.class, failure.getCause());
    }

    /** Before the fix, an Error escaped the chunk and was reported at the chunk's first index. */
    @Test
    default void anErrorInsideAChunkIsReportedAtItsOwnIndexAfterTheResultsBeforeIt() {
        Pool pool = pool(2);
        List<Integer> seen = new ArrayList<>();
        MapFailedException failure = assertThrows(MapFailedException.class,
                () -> pool.map(x -> {
                    if (x == 37) {
                        throw new StackOverflowError("at 37");
                    }
                    return x;
                }, IntStream.range(0, 100).boxed().toList(), MapOptions.defaults().withChunkSize(8)).forEach(seen::add));
        assertEquals(37, failure.index());
        assertInstanceOf(StackOverflowError.class, failure.getCause());
        assertEquals(IntStream.range(0, 37).boxed().toList(), seen);
    }

    @Test
    default void tinyInputsAreGroupedAndSlowOnesAreNot() {
        Pool pool = pool(2);
        ConcurrentLinkedQueue<TaskEvent.Submitted> submitted = new ConcurrentLinkedQueue<>();
        pool.listen(event -> {
            if (event instanceof TaskEvent.Submitted s) {
                submitted.add(s);
            }
        });
        List<Integer> tiny = IntStream.range(0, 100_000).boxed().toList();
        assertEquals(tiny, pool.map(x -> x, tiny).toList());
        assertTrue(submitted.stream().mapToInt(TaskEvent.Submitted::inputs).max().orElseThrow() > 1,
                "100,000 inputs of almost no work were sent one per task");
        assertEquals(100_000, submitted.stream().mapToInt(TaskEvent.Submitted::inputs).sum());

        submitted.clear();
        List<Integer> slow = IntStream.range(0, 40).boxed().toList();
        assertEquals(slow, pool.map(x -> {
            Thread.sleep(20); // work that takes tens of milliseconds (not a synchronisation): far more than
                              // any backend's round trip, even a worker JVM's
            return x;
        }, slow).toList());
        assertEquals(40, submitted.size(), "inputs of tens of milliseconds were grouped: " + submitted);
    }
}
