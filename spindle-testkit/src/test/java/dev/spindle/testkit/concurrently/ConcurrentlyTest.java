package dev.spindle.testkit.concurrently;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * {@link Concurrently} as a user meets it: each scenario runs a small test class (a fixture,
 * below, which Maven's own run skips as a nested class) through JUnit's engine and reads what
 * JUnit reports.
 */
class ConcurrentlyTest {

    static Events run(Class<?> fixture, String... configuration) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true"); // as the testkit's properties say
        for (int i = 0; i < configuration.length; i += 2) {
            kit.configurationParameter(configuration[i], configuration[i + 1]);
        }
        return kit.execute().testEvents();
    }

    static Throwable failure(Events events) {
        Event failed = events.failed().list().getFirst();
        return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    // ---- running ----

    static class EveryThreadEveryRepetition {
        static final Set<String> RUNS = ConcurrentHashMap.newKeySet();

        @Test
        @Concurrently(threads = 4, repeats = 3)
        void body(ConcurrentThread thread) throws InterruptedException {
            thread.awaitOthers(); // only returns if all four run at once
            RUNS.add(thread.repetition() + "/" + thread.index() + "/" + Thread.currentThread().getName());
        }
    }

    @Test
    void theBodyRunsOnEveryThreadAtOnceInEveryRepetition() {
        EveryThreadEveryRepetition.RUNS.clear();
        run(EveryThreadEveryRepetition.class).assertStatistics(s -> s.succeeded(1).failed(0));
        assertEquals(Set.of("1/0/concurrently-0", "1/1/concurrently-1", "1/2/concurrently-2", "1/3/concurrently-3",
                "2/0/concurrently-0", "2/1/concurrently-1", "2/2/concurrently-2", "2/3/concurrently-3",
                "3/0/concurrently-0", "3/1/concurrently-1", "3/2/concurrently-2", "3/3/concurrently-3"), EveryThreadEveryRepetition.RUNS);
    }

    static class OnVirtualThreads {
        static final Set<Boolean> VIRTUAL = ConcurrentHashMap.newKeySet();

        @Test
        @Concurrently(threads = 3, virtualThreads = true)
        void body() {
            VIRTUAL.add(Thread.currentThread().isVirtual());
        }
    }

    @Test
    void threadsCanBeVirtual() {
        OnVirtualThreads.VIRTUAL.clear();
        run(OnVirtualThreads.class).assertStatistics(s -> s.succeeded(1));
        assertEquals(Set.of(true), OnVirtualThreads.VIRTUAL);
    }

    static class FailsOnOneThread {
        @Test
        @Concurrently(threads = 4, repeats = 5, seed = "42")
        void body(ConcurrentThread thread) {
            if (thread.repetition() == 3 && thread.index() == 2) {
                throw new AssertionError("thread two gives up");
            }
        }
    }

    @Test
    void aFailureOnAnyThreadFailsTheTestNamingTheThreadTheRepetitionAndTheSeed() {
        Events events = run(FailsOnOneThread.class);
        events.assertStatistics(s -> s.failed(1));
        Throwable error = failure(events);
        assertEquals("thread 2 of 4 (concurrently-2) failed in repetition 3 of 5; seed 42 (replay: -Dspindle.concurrently.seed=42"
                + " or @Concurrently(seed = \"42\")): java.lang.AssertionError: thread two gives up", error.getMessage());
        assertEquals("thread two gives up", error.getCause().getMessage());
    }

    static class FailsOnTwoThreads {
        static final AtomicInteger REACHED = new AtomicInteger();

        @Test
        @Concurrently(threads = 3)
        void body(ConcurrentThread thread) throws InterruptedException {
            if (thread.index() > 0) {
                throw new IllegalStateException("thread " + thread.index());
            }
            thread.awaitOthers(); // the failures break this meeting rather than leave thread 0 waiting
            REACHED.incrementAndGet();
        }
    }

    @Test
    void theOtherThreadsFailuresAreAttachedAndNoThreadWaitsForAFailedOne() {
        FailsOnTwoThreads.REACHED.set(0);
        Events events = run(FailsOnTwoThreads.class);
        Throwable error = failure(events);
        assertEquals(2, error.getSuppressed().length, "the second failure and thread 0's broken meeting");
        assertEquals(0, FailsOnTwoThreads.REACHED.get());
    }

    static class Seeds {
        static final Map<String, Long> DRAWN = new ConcurrentHashMap<>();

        @Test
        @Concurrently(threads = 3, repeats = 2)
        void body(ConcurrentThread thread) {
            DRAWN.put(thread.repetition() + "/" + thread.index(), thread.random().nextLong());
        }
    }

    @Test
    void aGivenSeedHandsEveryThreadTheSameNumbersAgain() {
        Seeds.DRAWN.clear();
        run(Seeds.class, ConcurrentSettings.SEED, "7");
        Map<String, Long> first = Map.copyOf(Seeds.DRAWN);
        Seeds.DRAWN.clear();
        run(Seeds.class, ConcurrentSettings.SEED, "7");
        assertEquals(first, Seeds.DRAWN);
        assertEquals(6, Set.copyOf(first.values()).size(), "each thread of each repetition has its own numbers");
        Seeds.DRAWN.clear();
        run(Seeds.class, ConcurrentSettings.SEED, "8");
        assertNotEquals(first, Seeds.DRAWN);
    }

    // ---- what is shared ----

    static final class Box {
        private Box() {}
    }

    static class SharedFixtures {
        static final Map<Integer, Set<Box>> BOXES = new ConcurrentHashMap<>();
        final Box instanceField = new Box();
        static final Set<Box> FIELDS = ConcurrentHashMap.newKeySet();

        @Test
        @Concurrently(threads = 3, repeats = 2)
        void body(@Shared Box box, ConcurrentThread thread) {
            BOXES.computeIfAbsent(thread.repetition(), r -> ConcurrentHashMap.newKeySet()).add(box);
            FIELDS.add(instanceField);
        }
    }

    @Test
    void aSharedParameterIsMadeOncePerRepetitionAndTheInstanceOncePerTest() {
        SharedFixtures.BOXES.clear();
        SharedFixtures.FIELDS.clear();
        run(SharedFixtures.class).assertStatistics(s -> s.succeeded(1));
        assertEquals(1, SharedFixtures.BOXES.get(1).size());
        assertEquals(1, SharedFixtures.BOXES.get(2).size());
        assertNotSame(SharedFixtures.BOXES.get(1).iterator().next(), SharedFixtures.BOXES.get(2).iterator().next());
        assertEquals(1, SharedFixtures.FIELDS.size());
    }

    static class PlainTest {
        static final AtomicInteger RUNS = new AtomicInteger();

        @Test
        void body(ConcurrentThread thread, @Shared Box box) {
            assertEquals(0, thread.index());
            assertEquals(1, thread.threads());
            assertSame(box, box);
            RUNS.incrementAndGet();
        }
    }

    @Test
    void withoutConcurrentlyTheSameBodyRunsOnceOnOneThread() {
        PlainTest.RUNS.set(0);
        run(PlainTest.class).assertStatistics(s -> s.succeeded(1));
        assertEquals(1, PlainTest.RUNS.get());
    }

    // ---- the whole suite ----

    static class Unannotated {
        static final AtomicInteger RUNS = new AtomicInteger();
        static final AtomicInteger UNSAFE_RUNS = new AtomicInteger();

        @Test
        void body() {
            RUNS.incrementAndGet();
        }

        @Test
        @NotThreadSafe("writes System.out")
        void unsafe() {
            UNSAFE_RUNS.incrementAndGet();
        }
    }

    @Test
    void theSuiteWideSettingRunsEveryTestConcurrentlyExceptThoseNotThreadSafe() {
        Unannotated.RUNS.set(0);
        Unannotated.UNSAFE_RUNS.set(0);
        Events events = run(Unannotated.class, ConcurrentSettings.THREADS, "3", ConcurrentSettings.REPEATS, "2");
        events.assertStatistics(s -> s.succeeded(2));
        assertEquals(6, Unannotated.RUNS.get());
        assertEquals(1, Unannotated.UNSAFE_RUNS.get());
        List<String> reported = events.list().stream()
                .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("spindle.concurrently"))
                .toList();
        assertEquals(List.of("ran once, alone: not thread-safe: writes System.out"), reported);
    }

    @Test
    void autoMeansAThreadPerCoreAndNotThreadSafeTestsCanBeSkippedInstead() {
        Unannotated.RUNS.set(0);
        Unannotated.UNSAFE_RUNS.set(0);
        run(Unannotated.class, ConcurrentSettings.THREADS, "auto", ConcurrentSettings.SKIP_NOT_THREAD_SAFE, "true")
                .assertStatistics(s -> s.succeeded(1).aborted(1));
        assertEquals(Runtime.getRuntime().availableProcessors(), Unannotated.RUNS.get());
        assertEquals(0, Unannotated.UNSAFE_RUNS.get());
    }

    @NotThreadSafe("its fixture is a static map")
    static final class UnsafeFixture {}

    static class UnsafeFixtureUser {
        static final AtomicInteger RUNS = new AtomicInteger();

        @Test
        @Concurrently(threads = 4)
        void body(@Shared UnsafeFixture fixture) {
            RUNS.incrementAndGet();
        }
    }

    @Test
    void aTestWhoseFixtureIsNotThreadSafeRunsOnce() {
        UnsafeFixtureUser.RUNS.set(0);
        run(UnsafeFixtureUser.class).assertStatistics(s -> s.succeeded(1));
        assertEquals(1, UnsafeFixtureUser.RUNS.get());
    }

    // ---- hangs ----

    static class LockOrderDeadlock {
        static final ReentrantLock A = new ReentrantLock();
        static final ReentrantLock B = new ReentrantLock();

        @Test
        @Concurrently(threads = 2, timeout = "2s")
        void body(ConcurrentThread thread) throws InterruptedException {
            ReentrantLock first = thread.index() == 0 ? A : B;
            ReentrantLock second = thread.index() == 0 ? B : A;
            first.lockInterruptibly();
            try {
                thread.awaitOthers(); // both hold their first lock
                second.lockInterruptibly(); // the timeout's interrupt ends the wait
                second.unlock();
            } finally {
                first.unlock();
            }
        }
    }

    @Test
    void aHangFailsWithTheDeadlockCycleAndEndsItsThreads() {
        Throwable error = failure(run(LockOrderDeadlock.class));
        String message = error.getMessage();
        assertTrue(message.startsWith("repetition 1 of 1 did not finish within PT2S: concurrently-0, concurrently-1 still running; seed "), message);
        assertTrue(message.contains("deadlock:\n"), message);
        assertTrue(message.matches("(?s).*concurrently-\\d \\(#\\d+\\) waits for java.util.concurrent.locks.ReentrantLock\\$NonfairSync@\\p{XDigit}+ held by concurrently-\\d.*"), message);
        assertTrue(message.contains("every thread:"), message);
        assertTrue(!message.contains("left running"), "the interrupt ended both threads: " + message);
    }

    static class VirtualMonitorDeadlock {
        static final Object A = new Object();
        static final Object B = new Object();

        @Test
        @Concurrently(threads = 2, timeout = "2s", virtualThreads = true)
        void body(ConcurrentThread thread) throws InterruptedException {
            Object first = thread.index() == 0 ? A : B;
            Object second = thread.index() == 0 ? B : A;
            synchronized (first) {
                thread.awaitOthers();
                synchronized (second) {
                    thread.awaitOthers();
                }
            }
        }
    }

    /**
     * A deadlock on monitors cannot be broken: these two virtual threads stay blocked for the
     * rest of this JVM (they hold no carrier thread while they wait), and the failure says so.
     */
    @Test
    void aDeadlockOfVirtualThreadsOnMonitorsIsFoundToo() {
        String message = failure(run(VirtualMonitorDeadlock.class)).getMessage();
        assertTrue(message.matches("(?s).*concurrently-\\d \\(#\\d+\\) waits for java.lang.Object@\\p{XDigit}+ held by concurrently-\\d.*"), message);
        assertTrue(message.contains("ignored the interrupt and were left running"), message);
    }

    // ---- perturbation ----

    /** A counter whose increment is a read and a write: the lost update, in a class of its own to perturb. */
    static final class PlainCounter {
        private long count;

        void increment() {
            count = count + 1;
        }

        long get() {
            return count;
        }
    }

    @Concurrently(threads = 2, repeats = 100, perturb = PlainCounter.class)
    static class PerturbedCounter {
        @Test
        void body(@Shared PlainCounter counter, ConcurrentThread thread) throws InterruptedException {
            for (int i = 0; i < 100; i++) {
                counter.increment();
            }
            thread.awaitOthers();
            assertEquals(200, counter.get());
        }
    }

    /**
     * Two threads, a hundred increments each: so short that without perturbation they rarely
     * overlap at all; with it, a thread that yields between its read and its write loses the
     * other's increments in one of a hundred repetitions at least.
     */
    @Test
    void perturbationMakesALostUpdateShowUp() {
        Throwable error = failure(run(PerturbedCounter.class));
        assertTrue(error.getMessage().contains("expected: <200> but was: <"), error.getMessage());
    }

    static class PerturbsTheJdk {
        @Test
        @Concurrently(perturb = java.util.HashMap.class)
        void body() {}
    }

    @Test
    void theJdksClassesCannotBePerturbed() {
        assertEquals("cannot perturb java.util.HashMap: the JDK's classes and the testkit's own cannot call perturbation points;"
                + " perturb the classes that use them", failure(run(PerturbsTheJdk.class)).getMessage());
    }

    @Test
    void aClassToPerturbMustExist() {
        assertEquals("cannot perturb com.example.Missing: no such class",
                failure(run(Unannotated.class, ConcurrentSettings.THREADS, "2", ConcurrentSettings.PERTURB, "com.example.Missing")).getMessage());
    }

    // ---- bad input, found at discovery ----

    static class NoThreads {
        @Test
        @Concurrently(threads = 0)
        void body() {}
    }

    static class NoRepeats {
        @Test
        @Concurrently(repeats = -1)
        void body() {}
    }

    static class ZeroTimeout {
        @Test
        @Concurrently(timeout = "0s")
        void body() {}
    }

    static class BareIndex {
        @Test
        @Concurrently
        void body(int index) {}
    }

    static class SharedInterface {
        @Test
        @Concurrently
        void body(@Shared Runnable task) {}
    }

    static String discoveryError(Class<?> fixture) {
        var launcher = LauncherFactory.create();
        Throwable error = assertThrows(Throwable.class, () -> launcher.discover(request().selectors(selectClass(fixture)).build()));
        while (error.getCause() != null && !(error instanceof org.junit.platform.commons.PreconditionViolationException)) {
            error = error.getCause();
        }
        return error.getMessage();
    }

    @Test
    void wrongSettingsAreRefusedWhenTheTestsAreDiscoveredNamingTheValue() {
        assertEquals("@Concurrently on NoThreads.body: threads must be at least 1, was 0", discoveryError(NoThreads.class));
        assertEquals("@Concurrently on NoRepeats.body: repeats must be at least 1, was -1", discoveryError(NoRepeats.class));
        assertEquals("@Concurrently on ZeroTimeout.body: timeout must be a positive duration such as 500ms, 30s or 2m, was '0s'",
                discoveryError(ZeroTimeout.class));
        assertEquals("parameter 'int index' of BareIndex.body cannot be supplied on each thread: take a ConcurrentThread parameter"
                + " and ask it for index(), seed() or random()", discoveryError(BareIndex.class));
        assertEquals("parameter 'Runnable task' of SharedInterface.body is @Shared, but java.lang.Runnable cannot be made: it is not"
                + " a concrete class", discoveryError(SharedInterface.class));
    }

    @Test
    void wrongSuiteWideSettingsFailTheTestNamingTheValue() {
        Throwable error = failure(run(Unannotated.class, ConcurrentSettings.THREADS, "many"));
        assertEquals("spindle.concurrently.threads must be a whole number, was 'many'", error.getMessage());
    }
}
