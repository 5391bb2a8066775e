package dev.spindle;

import dev.spindle.testkit.SharedGate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.spindle.PoolFixture.await;
import static dev.spindle.PoolFixture.blockedUntilInterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract, part five: every task reports submitted, started and exactly one end to the
 * pool's listeners, which run in the submitter's JVM wherever the task runs.
 */
public interface EventsContract extends PoolFixture {

    @Test
    default void everyTaskReportsSubmittedStartedAndOneEnd() throws Exception {
        Pool pool = pool(2);
        ConcurrentLinkedQueue<TaskEvent> events = new ConcurrentLinkedQueue<>();
        pool.listen(events::add);
        pool.submit(() -> 1).get(HANG_SECONDS, TimeUnit.SECONDS);
        CompletableFuture<Object> failing = pool.submit(() -> {
            throw new IllegalStateException("x");
        });
        assertThrows(ExecutionException.class, () -> failing.get(HANG_SECONDS, TimeUnit.SECONDS));
        pool.close();
        var byTask = events.stream().collect(Collectors.groupingBy(TaskEvent::taskId));
        assertEquals(2, byTask.size());
        List<Class<?>> ok = byTask.get(0L).stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Started.class, TaskEvent.Finished.class), ok);
        List<TaskEvent> bad = byTask.get(1L);
        assertInstanceOf(TaskEvent.Failed.class, bad.getLast());
        assertEquals("x", ((TaskEvent.Failed) bad.getLast()).error().getMessage());
        TaskEvent.Started started = (TaskEvent.Started) byTask.get(0L).get(1);
        assertFalse(started.worker().isBlank());
        assertEquals(pool.name(), started.pool());
        assertTrue(byTask.get(0L).get(0).nanoTime() <= byTask.get(0L).get(2).nanoTime());
    }

    @Test
    default void aThrowingListenerHarmsNeitherTasksNorOtherListeners() throws Exception {
        Pool pool = pool(2);
        AtomicInteger finished = new AtomicInteger();
        pool.listen(event -> {
            throw new IllegalStateException("listener bug");
        });
        pool.listen(event -> {
            if (event instanceof TaskEvent.Finished) {
                finished.incrementAndGet();
            }
        });
        List<Integer> results = pool.map(x -> x + 1, IntStream.range(0, 100).boxed().toList(), MapOptions.defaults().withChunkSize(1)).toList();
        assertEquals(IntStream.rangeClosed(1, 100).boxed().toList(), results);
        assertEquals(5, pool.submit(() -> 5).get(HANG_SECONDS, TimeUnit.SECONDS));
        pool.close();
        assertEquals(101, finished.get());
    }

    @Test
    default void aClosedSubscriptionStopsTheEvents() throws Exception {
        Pool pool = pool(2);
        AtomicInteger seen = new AtomicInteger();
        Subscription subscription = pool.listen(event -> seen.incrementAndGet());
        subscription.close();
        subscription.close();
        pool.submit(() -> 1).get(HANG_SECONDS, TimeUnit.SECONDS);
        assertEquals(0, seen.get());
    }

    @Test
    default void aCancelledTaskReportsCancelled() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(2);
        ConcurrentLinkedQueue<TaskEvent> events = new ConcurrentLinkedQueue<>();
        pool.listen(events::add);
        SharedGate started = shared().gate("started");
        CompletableFuture<Object> future = pool.submit(blockedUntilInterrupted(started, shared().gate("interrupted")));
        await(started);
        future.cancel(true);
        pool.close();
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Started.class, TaskEvent.Cancelled.class),
                events.stream().map(Object::getClass).toList());
    }
}
