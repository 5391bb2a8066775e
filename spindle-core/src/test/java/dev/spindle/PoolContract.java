package dev.spindle;

import dev.spindle.testkit.TestThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every pool keeps, written once and run against every backend: one subclass per
 * backend, which says how to make a pool and what the backend can do. Backend modules run it by
 * depending on this module's test jar.
 *
 * <p>Scenarios that need a task to run while the test thread does something else are skipped
 * for a pool that {@linkplain #runsInCaller() runs tasks in the caller}; scenarios about tasks
 * waiting their turn need a pool of parallelism one.
 *
 * <p>No scenario uses time to synchronise: tasks are held and released with latches, and the
 * latch waits are bounded only so that a broken pool fails instead of hanging.
 */
public abstract class PoolContract {

    /** How long a latch may wait before the scenario counts as hung. */
    protected static final long HANG_SECONDS = 30;

    private final List<Pool> pools = new ArrayList<>();

    /** A new pool of this backend with {@code workers} workers (or the nearest it offers). */
    protected abstract Pool create(int workers);

    /**
     * Whether the pool may start another worker while one is blocked (a fork/join pool
     * compensates blocked workers), so that a waiting task can start before its turn.
     */
    protected boolean compensatesBlockedWorkers() {
        return false;
    }

    /** Whether the pool runs each task in the submitting thread (the sequential backend). */
    protected boolean runsInCaller() {
        return false;
    }

    protected final Pool pool(int workers) {
        Pool pool = create(workers);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    final void closePools() {
        for (Pool pool : pools) {
            pool.closeNow();
            pool.close();
        }
    }

    /**
     * A task that says it has started, then waits until it is interrupted, and says that too.
     * It cannot end any other way, so it shows whether cancelling reaches a running task.
     */
    private static Task<Object> blockedUntilInterrupted(CountDownLatch started, CountDownLatch interrupted) {
        return () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        };
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(HANG_SECONDS, TimeUnit.SECONDS), "latch not released: the pool hung");
    }

    // ---- results and failures ----

    @Test
    void submitReturnsTheTaskResult() throws Exception {
        Pool pool = pool(2);
        assertEquals(42, pool.submit(() -> 6 * 7).get(HANG_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aNullResultIsAResult() throws Exception {
        Pool pool = pool(2);
        assertNull(pool.submit(() -> null).get(HANG_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void theTaskExceptionIsTheFutureCause() {
        Pool pool = pool(2);
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Object> future = pool.submit(() -> {
            throw boom;
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertSame(boom, thrown.getCause());
    }

    @Test
    void aCheckedExceptionIsTheFutureCauseToo() {
        Pool pool = pool(2);
        CompletableFuture<Object> future = pool.submit(() -> {
            throw new java.io.IOException("disk");
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(java.io.IOException.class, thrown.getCause());
        assertEquals("disk", thrown.getCause().getMessage());
    }

    @Test
    void runCompletesWithNullAfterTheAction() throws Exception {
        Pool pool = pool(2);
        AtomicBoolean ran = new AtomicBoolean();
        assertNull(pool.run(() -> ran.set(true)).get(HANG_SECONDS, TimeUnit.SECONDS));
        assertTrue(ran.get());
    }

    @Test
    void nullArgumentsAreRefusedWithTheirName() {
        Pool pool = pool(2);
        assertEquals("task", assertThrows(NullPointerException.class, () -> pool.submit(null)).getMessage());
        assertEquals("action", assertThrows(NullPointerException.class, () -> pool.run(null)).getMessage());
        assertEquals("inputs", assertThrows(NullPointerException.class, () -> pool.map(x -> x, (List<Integer>) null)).getMessage());
        assertEquals("fn", assertThrows(NullPointerException.class, () -> pool.map(null, List.of(1))).getMessage());
        assertEquals("listener", assertThrows(NullPointerException.class, () -> pool.listen(null)).getMessage());
    }

    // ---- map ----

    @Test
    void mapReturnsResultsInInputOrder() {
        Pool pool = pool(3);
        List<Integer> inputs = IntStream.range(0, 1_000).boxed().toList();
        List<Integer> squares = pool.map(x -> x * x, inputs).toList();
        assertEquals(inputs.stream().map(x -> x * x).toList(), squares);
    }

    @Test
    void mapInChunksReturnsTheSameResults() {
        Pool pool = pool(3);
        List<Integer> inputs = IntStream.range(0, 1_003).boxed().toList();
        List<Integer> results = pool.map(x -> x + 1, inputs, MapOptions.defaults().withChunkSize(10)).toList();
        assertEquals(inputs.stream().map(x -> x + 1).toList(), results);
    }

    @Test
    void mapKeepsNullResults() {
        Pool pool = pool(2);
        List<String> results = pool.map(x -> x % 2 == 0 ? null : "odd", List.of(0, 1, 2, 3), MapOptions.defaults().withChunkSize(3)).toList();
        assertEquals(java.util.Arrays.asList(null, "odd", null, "odd"), results);
    }

    @Test
    void mapIsLazyAndBoundedOnAnInfiniteInput() {
        Pool pool = pool(2);
        int inFlight = 5;
        CountingIterator inputs = new CountingIterator();
        AtomicLong consumed = new AtomicLong();
        Stream<Long> results = pool.map(x -> x * 2, inputs, MapOptions.defaults().withInFlight(inFlight));
        assertEquals(0, inputs.pulled.get(), "map read its input before the stream was consumed");
        List<Long> first = results.peek(r -> {
            long taken = consumed.incrementAndGet();
            assertTrue(inputs.pulled.get() - taken < inFlight,
                    "read " + inputs.pulled.get() + " inputs for " + taken + " results: more than " + inFlight + " ahead");
        }).limit(200).toList();
        assertEquals(LongStream.range(0, 200).map(x -> x * 2).boxed().toList(), first);
        assertTrue(inputs.pulled.get() < 200 + inFlight, "pulled " + inputs.pulled.get());
    }

    @Test
    void mapUnorderedIsBoundedOnAnInfiniteInputToo() {
        Pool pool = pool(2);
        int inFlight = 4;
        CountingIterator inputs = new CountingIterator();
        AtomicLong consumed = new AtomicLong();
        Set<Long> results = pool.mapUnordered(x -> x, inputs, MapOptions.defaults().withInFlight(inFlight))
                .peek(r -> assertTrue(inputs.pulled.get() - consumed.incrementAndGet() < inFlight))
                .limit(100)
                .collect(Collectors.toSet());
        assertEquals(100, results.size());
    }

    @Test
    void mapReportsTheIndexOfTheFailedElement() {
        Pool pool = pool(2);
        MapFailedException failure = assertThrows(MapFailedException.class,
                () -> pool.map(x -> 10 / (x - 37), IntStream.range(0, 100).boxed().toList()).toList());
        assertEquals(37, failure.index());
        assertInstanceOf(ArithmeticException.class, failure.getCause());
    }

    @Test
    void chunkedMapReportsTheIndexInsideTheChunk() {
        Pool pool = pool(2);
        MapFailedException failure = assertThrows(MapFailedException.class,
                () -> pool.map(x -> 10 / (x - 37), IntStream.range(0, 100).boxed().toList(),
                        MapOptions.defaults().withChunkSize(8)).toList());
        assertEquals(37, failure.index());
        assertInstanceOf(ArithmeticException.class, failure.getCause());
    }

    @Test
    void mapDeliversTheResultsBeforeAFailure() {
        Pool pool = pool(2);
        List<Integer> seen = new ArrayList<>();
        assertThrows(MapFailedException.class,
                () -> pool.map(x -> 10 / (x - 5), IntStream.range(0, 20).boxed().toList()).forEach(seen::add));
        assertEquals(List.of(-2, -2, -3, -5, -10), seen);
    }

    @Test
    void mapUnorderedYieldsEveryResultExactlyOnce() {
        Pool pool = pool(3);
        List<Integer> results = pool.mapUnordered(x -> x * 3, IntStream.range(0, 2_000).boxed().toList()).toList();
        assertEquals(2_000, results.size());
        assertEquals(IntStream.range(0, 2_000).map(x -> x * 3).boxed().collect(Collectors.toSet()), Set.copyOf(results));
    }

    @Test
    void mapUnorderedInChunksYieldsEveryResultExactlyOnce() {
        Pool pool = pool(3);
        List<Integer> results = pool.mapUnordered(x -> x, IntStream.range(0, 1_001).boxed().toList(),
                MapOptions.defaults().withChunkSize(7)).toList();
        assertEquals(IntStream.range(0, 1_001).boxed().toList(), results.stream().sorted().toList());
    }

    @Test
    void mapUnorderedReportsTheFailedIndex() {
        Pool pool = pool(2);
        MapFailedException failure = assertThrows(MapFailedException.class,
                () -> pool.mapUnordered(x -> 10 / (x - 12), IntStream.range(0, 50).boxed().toList()).toList());
        assertEquals(12, failure.index());
    }

    @Test
    void mapOverAStreamConsumesItLazily() {
        Pool pool = pool(2);
        List<Integer> results = pool.map(x -> x + 1, Stream.iterate(0, x -> x + 1)).limit(10).toList();
        assertEquals(IntStream.rangeClosed(1, 10).boxed().toList(), results);
    }

    // ---- cancellation ----

    @Test
    void cancellingARunningTaskInterruptsIt() throws Exception {
        assumeTrue(!runsInCaller(), "a task that runs in the caller cannot be cancelled while it runs");
        Pool pool = pool(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CompletableFuture<Object> future = pool.submit(blockedUntilInterrupted(started, interrupted));
        await(started);
        assertTrue(future.cancel(true));
        await(interrupted);
        assertTrue(future.isCancelled());
        assertThrows(CancellationException.class, future::join);
    }

    @Test
    void aCancelledTaskThatNeverStartedNeverRuns() throws Exception {
        assumeTrue(!runsInCaller());
        assumeTrue(!compensatesBlockedWorkers(), "needs a pool where a task waits its turn");
        Pool pool = pool(1);
        assumeTrue(pool.parallelism() == 1, "needs a pool where a task waits its turn");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        CompletableFuture<Object> first = pool.submit(() -> {
            started.countDown();
            release.await();
            return "first";
        });
        await(started);
        CompletableFuture<Object> second = pool.submit(() -> {
            secondRan.set(true);
            return "second";
        });
        assertTrue(second.cancel(false));
        release.countDown();
        assertEquals("first", first.get(HANG_SECONDS, TimeUnit.SECONDS));
        CompletableFuture<Object> third = pool.submit(() -> "third");
        assertEquals("third", third.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertFalse(secondRan.get(), "a cancelled task ran");
    }

    @Test
    void aCancellationDoesNotLeakIntoTheNextTask() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(1);
        for (int round = 0; round < 20; round++) {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> blocked = pool.submit(blockedUntilInterrupted(started, new CountDownLatch(1)));
            await(started);
            blocked.cancel(true);
            assertFalse(pool.submit(Thread::interrupted).get(HANG_SECONDS, TimeUnit.SECONDS),
                    "the next task on the worker found the cancelled task's interrupt");
        }
    }

    // ---- closing ----

    @Test
    void closeWaitsForEveryAcceptedTask() {
        Pool pool = pool(2);
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pool.run(() -> {
                Thread.onSpinWait();
                done.incrementAndGet();
            }));
        }
        pool.close();
        assertEquals(200, done.get());
        assertTrue(futures.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
    }

    @Test
    void closeNowReturnsTheTasksThatNeverRanAndCancelsEveryFuture() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(1);
        assumeTrue(pool.parallelism() == 1, "needs a pool where a task can wait its turn");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CompletableFuture<Object> running = pool.submit(blockedUntilInterrupted(started, interrupted));
        await(started);
        AtomicInteger ran = new AtomicInteger();
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(pool.run(ran::incrementAndGet));
        }
        List<Task<?>> neverRan = pool.closeNow();
        await(interrupted);
        pool.close();
        assertTrue(running.isCancelled());
        assertTrue(waiting.stream().allMatch(CompletableFuture::isDone), "a future was left pending");
        assertEquals(5, neverRan.size() + ran.get(), "a task both ran and was reported as never run, or was lost");
        assertEquals(neverRan.size(), waiting.stream().filter(CompletableFuture::isCancelled).count());
        if (!compensatesBlockedWorkers()) {
            assertEquals(5, neverRan.size());
        }
    }

    @Test
    void submittingToAClosedPoolFailsAtOnce() {
        Pool pool = pool(2);
        pool.close();
        assertTrue(pool.isClosed());
        PoolClosedException thrown = assertThrows(PoolClosedException.class, () -> pool.submit(() -> 1));
        assertTrue(thrown.getMessage().contains(pool.name()), thrown.getMessage());
        assertThrows(PoolClosedException.class, () -> pool.run(() -> {}));
        assertThrows(PoolClosedException.class, () -> pool.map(x -> x, List.of(1, 2)).toList());
        assertThrows(PoolClosedException.class, () -> pool.asExecutorService().execute(() -> {}));
    }

    @Test
    void closingThePoolFromItsOwnTaskFailsInsteadOfWaitingForItself() {
        assumeTrue(!runsInCaller());
        Pool pool = pool(2);
        CompletableFuture<Object> selfClosing = pool.submit(() -> {
            pool.close();
            return null;
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> selfClosing.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertTrue(thrown.getCause().getMessage().contains("would wait for that task forever"));
    }

    @Test
    void closeIsIdempotent() {
        Pool pool = pool(2);
        pool.close();
        pool.close();
        assertTrue(pool.closeNow().isEmpty());
    }

    @Test
    void submittingWhileClosingLosesNothing() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(2);
        ConcurrentLinkedQueue<CompletableFuture<Integer>> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger rejected = new AtomicInteger();
        CountDownLatch submitting = new CountDownLatch(1);
        try (TestThreads threads = new TestThreads()) {
            threads.start("submitter", () -> {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        accepted.add(pool.submit(() -> 1));
                    } catch (PoolClosedException e) {
                        rejected.incrementAndGet();
                    }
                    if (i == 100) {
                        submitting.countDown();
                    }
                }
            });
            await(submitting);
            pool.close();
        }
        for (CompletableFuture<Integer> future : accepted) {
            assertEquals(1, future.get(HANG_SECONDS, TimeUnit.SECONDS), "an accepted task was lost at close");
        }
        assertEquals(20_000, accepted.size() + rejected.get());
    }

    @Test
    void closingNowWhileTasksArriveLeavesNoFuturePending() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(2);
        ConcurrentLinkedQueue<CompletableFuture<Integer>> accepted = new ConcurrentLinkedQueue<>();
        CountDownLatch submitting = new CountDownLatch(1);
        List<Task<?>> neverRan;
        try (TestThreads threads = new TestThreads()) {
            threads.start("submitter", () -> {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        accepted.add(pool.submit(() -> 1));
                    } catch (PoolClosedException e) {
                        return;
                    }
                    if (i == 3_000) {
                        submitting.countDown();
                    }
                }
                submitting.countDown();
            });
            await(submitting);
            neverRan = pool.closeNow();
        }
        pool.close();
        long cancelled = accepted.stream().filter(CompletableFuture::isCancelled).count();
        assertTrue(accepted.stream().allMatch(CompletableFuture::isDone), "a future was left pending after closeNow");
        assertTrue(neverRan.size() <= cancelled, neverRan.size() + " never ran, but only " + cancelled + " were cancelled");
    }

    // ---- events ----

    @Test
    void everyTaskReportsSubmittedStartedAndOneEnd() throws Exception {
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
    void aThrowingListenerHarmsNeitherTasksNorOtherListeners() throws Exception {
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
        List<Integer> results = pool.map(x -> x + 1, IntStream.range(0, 100).boxed().toList()).toList();
        assertEquals(IntStream.rangeClosed(1, 100).boxed().toList(), results);
        assertEquals(5, pool.submit(() -> 5).get(HANG_SECONDS, TimeUnit.SECONDS));
        pool.close();
        assertEquals(101, finished.get());
    }

    @Test
    void aClosedSubscriptionStopsTheEvents() throws Exception {
        Pool pool = pool(2);
        AtomicInteger seen = new AtomicInteger();
        Subscription subscription = pool.listen(event -> seen.incrementAndGet());
        subscription.close();
        subscription.close();
        pool.submit(() -> 1).get(HANG_SECONDS, TimeUnit.SECONDS);
        assertEquals(0, seen.get());
    }

    @Test
    void aCancelledTaskReportsCancelled() throws Exception {
        assumeTrue(!runsInCaller());
        Pool pool = pool(2);
        ConcurrentLinkedQueue<TaskEvent> events = new ConcurrentLinkedQueue<>();
        pool.listen(events::add);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Object> future = pool.submit(blockedUntilInterrupted(started, new CountDownLatch(1)));
        await(started);
        future.cancel(true);
        pool.close();
        assertEquals(List.of(TaskEvent.Submitted.class, TaskEvent.Started.class, TaskEvent.Cancelled.class),
                events.stream().map(Object::getClass).toList());
    }

    // ---- volume ----

    @Test
    void tenThousandTasksNoneLost() throws Exception {
        Pool pool = pool(4);
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                ran.add(n);
                return n;
            }));
        }
        long sum = 0;
        for (CompletableFuture<Integer> future : futures) {
            sum += future.get(HANG_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(10_000, ran.size());
        assertEquals(10_000L * 9_999 / 2, sum);
    }

    @Test
    void tasksFromManyThreadsAtOnceAllRun() {
        Pool pool = pool(2);
        AtomicInteger done = new AtomicInteger();
        TestThreads.runConcurrently(4, index -> {
            List<CompletableFuture<Void>> mine = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                mine.add(pool.run(done::incrementAndGet));
            }
            CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).get(HANG_SECONDS, TimeUnit.SECONDS);
        });
        assertEquals(2_000, done.get());
    }

    // ---- the ExecutorService view ----

    @Test
    void theExecutorServiceViewRunsTasksAndShutsThePoolDown() throws Exception {
        Pool pool = pool(2);
        ExecutorService executor = pool.asExecutorService();
        List<java.util.concurrent.Future<Integer>> all = executor.invokeAll(List.of(() -> 1, () -> 2, () -> 3));
        int sum = 0;
        for (var f : all) {
            sum += f.get();
        }
        assertEquals(6, sum);
        assertEquals("v", executor.submit(() -> {}, "v").get(HANG_SECONDS, TimeUnit.SECONDS));
        if (!runsInCaller()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            Task<Object> blocked = blockedUntilInterrupted(started, interrupted);
            var future = executor.submit(() -> {
                try {
                    blocked.call();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "v");
            await(started);
            assertTrue(future.cancel(true));
            await(interrupted);
        }
        executor.shutdown();
        assertTrue(executor.isShutdown());
        assertTrue(pool.isClosed());
        assertTrue(executor.awaitTermination(HANG_SECONDS, TimeUnit.SECONDS));
        assertTrue(executor.isTerminated());
    }

    @Test
    void theExecutorServiceViewReadsTimeoutsByTheLibraryRule() throws Exception {
        assumeTrue(!runsInCaller(), "a pool that runs tasks in the caller has no task left running at shutdown");
        Pool pool = pool(1);
        ExecutorService executor = pool.asExecutorService();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> task = pool.submit(() -> {
            started.countDown();
            release.await();
            return "done";
        });
        await(started);
        executor.shutdown();
        for (long timeout : new long[] {0, -1, Long.MIN_VALUE}) {
            assertFalse(executor.awaitTermination(timeout, TimeUnit.MILLISECONDS), "timeout " + timeout);
        }
        Thread waiter = Thread.currentThread();
        try (TestThreads threads = new TestThreads()) {
            threads.start("releaser", () -> {
                TestThreads.awaitParked(waiter);
                release.countDown();
            });
            assertTrue(executor.awaitTermination(Long.MAX_VALUE, TimeUnit.MILLISECONDS));
        }
        assertEquals("done", task.getNow(null));
        assertTrue(executor.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS));
        assertTrue(executor.awaitTermination(Long.MIN_VALUE, TimeUnit.DAYS));
    }

    /** An endless input that counts how far it has been read. */
    private static final class CountingIterator implements Iterator<Long> {
        final AtomicLong pulled = new AtomicLong();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Long next() {
            return pulled.getAndIncrement();
        }
    }

}
