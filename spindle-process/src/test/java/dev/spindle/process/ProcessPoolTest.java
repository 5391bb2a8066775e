package dev.spindle.process;

import dev.spindle.PayloadTooLargeException;
import dev.spindle.Pool;
import dev.spindle.Task;
import dev.spindle.TaskTimeoutException;
import dev.spindle.WorkerLostException;
import dev.spindle.testkit.SharedCounter;
import dev.spindle.testkit.SharedGate;
import dev.spindle.testkit.SharedRecorder;
import dev.spindle.testkit.SharedState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only a pool of worker JVMs does: its options, its failures, and what it leaves behind. */
class ProcessPoolTest {

    private static final long HANG = 60;

    private Leftovers leftovers;
    private SharedState shared;

    @BeforeEach
    void before() {
        leftovers = new Leftovers();
        shared = SharedState.create();
    }

    @AfterEach
    void after() throws Exception {
        shared.close();
        leftovers.assertNoneLeft();
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(HANG, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class, () -> future.get(HANG, TimeUnit.SECONDS)).getCause();
    }

    private static long pid() {
        return ProcessHandle.current().pid();
    }

    @Test
    void workersMustBePositive() {
        assertEquals("workers must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Pool.processes(0)).getMessage());
        assertEquals("workers must be at least 1, was -2",
                assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().workers(-2)).getMessage());
    }

    @Test
    void optionsAreCheckedWhereTheyAreSet() {
        ProcessPool.Builder builder = ProcessPool.builder();
        assertEquals("a JVM option starts with '-', was 'Xmx1g'",
                assertThrows(IllegalArgumentException.class, () -> builder.jvmOptions("Xmx1g")).getMessage());
        assertEquals("maxTasksPerWorker must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> builder.maxTasksPerWorker(0)).getMessage());
        assertEquals("taskTimeout must be positive, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> builder.taskTimeout(Duration.ZERO)).getMessage());
        assertEquals("standby must be at least 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> builder.standby(-1)).getMessage());
        assertEquals("maxMessageBytes must be between 1 and " + ProcessPool.MAX_MESSAGE_LIMIT + ", was 0",
                assertThrows(IllegalArgumentException.class, () -> builder.maxMessageBytes(0)).getMessage());
    }

    @Test
    void tasksRunInOtherJvmsWithTheOptionsGiven() throws Exception {
        try (Pool pool = ProcessPool.builder().workers(2).jvmOptions("-Dspindle.greeting=hello").build()) {
            assertEquals("processes(2)", pool.name());
            long worker = get(pool.submit(ProcessPoolTest::pid));
            assertNotEquals(pid(), worker, "the task ran in the test's JVM");
            assertEquals("hello", get(pool.submit(() -> System.getProperty("spindle.greeting"))));
        }
    }

    @Test
    void anOptionTheJvmRefusesFailsTheBuildWithTheJvmsOwnMessage() {
        WorkerStartException refused = assertThrows(WorkerStartException.class,
                () -> ProcessPool.builder().workers(2).startAll().jvmOptions("-XX:+NoSuchSpindleOption").build());
        assertTrue(refused.getMessage().contains("Unrecognized VM option 'NoSuchSpindleOption'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("exited with code 1 before it was ready"), refused.getMessage());
    }

    @Test
    void anOptionTheJvmRefusesFailsTheWaitingTasksInsteadOfRetryingForever() throws Exception {
        try (Pool pool = ProcessPool.builder().workers(2).jvmOptions("-XX:+NoSuchSpindleOption").build()) {
            for (int i = 0; i < 3; i++) {
                Throwable error = failure(pool.submit(() -> "never"));
                assertInstanceOf(WorkerStartException.class, error);
                assertTrue(error.getMessage().contains("Unrecognized VM option 'NoSuchSpindleOption'"), error.getMessage());
            }
        }
    }

    @Test
    void theInitializerRunsOnceInEveryWorkerBeforeItsTasks() throws Exception {
        SharedCounter initialized = shared.counter("initialized");
        try (Pool pool = ProcessPool.builder().workers(2).startAll()
                .initializer(() -> {
                    initialized.incrementAndGet();
                    System.setProperty("spindle.initialized", "yes");
                }).build()) {
            assertEquals(2, initialized.get(), "startAll returned before both workers had run the initializer");
            List<String> seen = pool.map(i -> System.getProperty("spindle.initialized"), IntStream.range(0, 20).boxed().toList())
                    .toList();
            assertEquals(20, seen.stream().filter("yes"::equals).count());
            assertEquals(2, initialized.get());
        }
    }

    @Test
    void anInitializerThatThrowsFailsTheBuildWithItsException() {
        WorkerStartException failed = assertThrows(WorkerStartException.class,
                () -> ProcessPool.builder().workers(1).startAll().initializer(() -> {
                    throw new IllegalStateException("no model file");
                }).build());
        assertTrue(failed.getMessage().contains("the pool's initializer threw java.lang.IllegalStateException: no model file"),
                failed.getMessage());
        assertInstanceOf(IllegalStateException.class, failed.getCause());
    }

    @Test
    void anInitializerThatCannotBeSerialisedIsRefusedNamingTheClass() {
        CountDownLatch latch = new CountDownLatch(1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ProcessPool.builder().initializer(latch::countDown).build());
        assertEquals("the initializer cannot be sent to the workers: java.util.concurrent.CountDownLatch is not serialisable",
                refused.getMessage());
    }

    @Test
    void aWorkerIsReplacedAfterItsMaximumNumberOfTasks() throws Exception {
        try (Pool pool = ProcessPool.builder().workers(1).maxTasksPerWorker(2).build()) {
            List<Long> pids = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pids.add(get(pool.submit(ProcessPoolTest::pid)));
            }
            assertEquals(3, new HashSet<>(pids).size(), "expected three workers of two tasks each: " + pids);
            assertEquals(pids.get(0), pids.get(1));
            assertEquals(pids.get(2), pids.get(3));
        }
    }

    @Test
    void aTaskPastItsTimeLimitFailsAndItsWorkerIsReplaced() throws Exception {
        try (Pool pool = ProcessPool.builder().workers(1).taskTimeout(Duration.ofMillis(500)).build()) {
            long stuck = get(pool.submit(ProcessPoolTest::pid));
            Throwable error = failure(pool.submit(() -> {
                while (true) {
                    Thread.onSpinWait(); // ignores interrupts: only killing the process ends it
                }
            }));
            TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, error);
            assertTrue(timeout.worker().contains("(pid " + stuck + ")"), timeout.worker());
            assertEquals(Duration.ofMillis(500), timeout.limit());
            assertNotEquals(stuck, get(pool.submit(ProcessPoolTest::pid)), "the timed-out worker was not replaced");
        }
    }

    @ParameterizedTest
    @EnumSource(WorkerDeaths.class)
    void aWorkerThatDiesFailsOnlyItsTaskNamingHowAndThePoolGoesOn(WorkerDeaths death) throws Exception {
        try (Pool pool = ProcessPool.builder().workers(2).jvmOptions(WorkerDeaths.WORKER_OPTIONS).build()) {
            Throwable error = failure(pool.submit(() -> {
                System.out.println("about to die");
                death.inflict();
                return "survived";
            }));
            WorkerLostException lost = assertInstanceOf(WorkerLostException.class, error);
            assertTrue(lost.getMessage().contains(death.reported), lost.getMessage());
            assertTrue(lost.getMessage().contains("] about to die"), "the tail of the output is missing: " + lost.getMessage());
            assertTrue(lost.worker().startsWith("process-"), lost.worker());
            assertEquals(List.of(1, 2, 3, 4), pool.map(i -> i + 1, List.of(0, 1, 2, 3)).toList());
        }
    }

    @Test
    void anIdempotentTaskIsRunAgainWhenItsWorkerDies() throws Exception {
        SharedCounter attempts = shared.counter("attempts");
        try (Pool pool = ProcessPool.create(1)) {
            String result = get(pool.submit(Task.idempotent(() -> {
                if (attempts.incrementAndGet() == 1) {
                    Runtime.getRuntime().halt(9);
                }
                return "second time lucky";
            })));
            assertEquals("second time lucky", result);
            assertEquals(2, attempts.get());
        }
    }

    @Test
    void aResultThatCannotBeSerialisedFailsItsTaskNamingTheClass() throws Exception {
        try (Pool pool = ProcessPool.create(1)) {
            Throwable error = failure(pool.submit(Object::new));
            UnserializableResultException unserialisable = assertInstanceOf(UnserializableResultException.class, error);
            assertTrue(unserialisable.getMessage().matches(
                    "the result of task \\d+ cannot be sent back from process-\\S+: java.lang.Object is not serialisable"),
                    unserialisable.getMessage());
            assertEquals("next", get(pool.submit(() -> "next")));
        }
    }

    @Test
    void aTaskOrResultTooLargeForTheChannelIsAClearError() throws Exception {
        try (Pool pool = ProcessPool.builder().workers(1).maxMessageBytes(10_000).build()) {
            byte[] large = new byte[20_000];
            PayloadTooLargeException task = assertThrows(PayloadTooLargeException.class, () -> pool.submit(() -> large.length));
            assertEquals(PayloadTooLargeException.Payload.TASK, task.payload());
            assertEquals(10_000, task.limit());
            PayloadTooLargeException result = assertInstanceOf(PayloadTooLargeException.class,
                    failure(pool.submit(() -> new byte[20_000])));
            assertEquals(PayloadTooLargeException.Payload.RESULT, result.payload());
            assertTrue(result.bytes() > 20_000, result.getMessage());
            assertEquals(7, get(pool.submit(() -> 7)));
        }
    }

    @Test
    void closeNowEndsATaskThatIgnoresInterrupts() throws Exception {
        SharedCounter started = shared.counter("started");
        Pool pool = ProcessPool.create(1);
        CompletableFuture<Object> stubborn = pool.submit(() -> {
            started.incrementAndGet();
            while (true) {
                Thread.onSpinWait();
            }
        });
        assertTrue(started.awaitAtLeast(1, Duration.ofSeconds(HANG)), "the task never started");
        pool.closeNow();
        pool.close(); // must not hang: the worker is killed after the grace period
        assertTrue(stubborn.isCancelled());
    }

    /**
     * Regression: {@code closeNow} cancels a running task through its future and through the
     * backend's {@code shutdownNow}; both sent CANCEL, so a second interrupt could land in the
     * task's handling of the first. Here the handler opens a gate that the worker has not touched
     * yet, which maps its file: an interrupt there closes the channel, the handler fails, and the
     * gate stays shut (the contract's closeNow scenario failed about one run in five so).
     */
    @Test
    void closeNowInterruptsARunningTaskOnceSoItsCleanUpRuns() throws Exception {
        for (int round = 0; round < 10; round++) {
            SharedCounter started = shared.counter("started " + round);
            SharedGate cleanedUp = shared.gate("cleaned up " + round);
            try (Pool pool = ProcessPool.create(1)) {
                pool.submit(() -> {
                    started.incrementAndGet();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        cleanedUp.open(); // its first use in this worker: it maps a file
                    }
                    return null;
                });
                assertTrue(started.awaitAtLeast(1, Duration.ofSeconds(HANG)), "the task never started");
                pool.closeNow();
            }
            assertTrue(cleanedUp.await(Duration.ZERO), "round " + round + ": the task's clean-up after the interrupt failed");
        }
    }

    @Test
    void standbyWorkersAreStartedUpFrontAndTakeOverWhenOneDies() throws Exception {
        SharedRecorder pids = shared.recorder("pids");
        try (Pool pool = ProcessPool.builder().workers(1).startAll().standby(1).build()) {
            Set<Long> before = Set.copyOf(ProcessHandle.current().children().map(ProcessHandle::pid).toList());
            assertEquals(2, before.size(), "the worker and its standby were not started up front");
            long first = get(pool.submit(() -> {
                pids.append(pid());
                return pid();
            }));
            assertInstanceOf(WorkerLostException.class, failure(pool.submit(() -> {
                Runtime.getRuntime().halt(1);
                return null;
            })));
            long next = get(pool.submit(ProcessPoolTest::pid));
            assertNotEquals(first, next);
            assertTrue(before.contains(next), "the task after the crash did not run on the standby worker " + before + ": " + next);
        }
    }
}
