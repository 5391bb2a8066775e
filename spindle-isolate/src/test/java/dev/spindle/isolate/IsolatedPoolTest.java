package dev.spindle.isolate;

import dev.spindle.Pool;
import dev.spindle.isolate.fixtures.StaticCounter;
import dev.spindle.testkit.SharedCounter;
import dev.spindle.testkit.SharedState;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Isolation as a user relies on it: statics, initialisers, recycling, and the loaders let go. */
class IsolatedPoolTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    /** A task's view of the static counter: which worker, and the value it saw. */
    record Seen(String worker, int value) implements java.io.Serializable {}

    /** Each of {@code tasks} tasks increments the static counter, once both workers have a task, and says what it saw. */
    private static List<Seen> countOnEveryWorker(Pool pool, int tasks, SharedCounter arrived) throws Exception {
        List<CompletableFuture<Seen>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            futures.add(pool.submit(() -> {
                arrived.incrementAndGet();
                if (!arrived.awaitAtLeast(2, HANG)) {
                    throw new IllegalStateException("the other worker never came");
                }
                return new Seen(Thread.currentThread().getName(), StaticCounter.increment());
            }));
        }
        List<Seen> seen = new ArrayList<>();
        for (CompletableFuture<Seen> f : futures) {
            seen.add(f.get(HANG.toSeconds(), TimeUnit.SECONDS));
        }
        return seen;
    }

    private static Map<String, List<Integer>> byWorker(List<Seen> seen) {
        Map<String, List<Integer>> values = new TreeMap<>();
        seen.forEach(s -> values.computeIfAbsent(s.worker(), w -> new ArrayList<>()).add(s.value()));
        values.values().forEach(v -> v.sort(null));
        return values;
    }

    @Test
    void eachWorkerHasItsOwnStaticsAndRunsTheirInitialiserOnce() throws Exception {
        System.getProperties().remove(StaticCounter.INITS);
        try (SharedState shared = SharedState.create()) {
            SharedCounter arrived = shared.counter("arrived");
            List<Seen> seen;
            try (Pool pool = Pool.isolated(2)) {
                seen = countOnEveryWorker(pool, 20, arrived);
            }
            Map<String, List<Integer>> values = byWorker(seen);
            assertEquals(2, values.size(), "both workers ran tasks: " + values);
            for (List<Integer> mine : values.values()) {
                List<Integer> expected = new ArrayList<>();
                for (int i = 1; i <= mine.size(); i++) {
                    expected.add(i);
                }
                assertEquals(expected, mine, "a worker counts from 1 in its own copy of the static, never seeing the other's");
            }
            assertEquals(2, ((AtomicInteger) System.getProperties().get(StaticCounter.INITS)).get(),
                    "the static initialiser ran once per worker, and never in the test's own loader");
        }
    }

    @Test
    void onThreadsTheSameTasksShareOneStatic() throws Exception {
        try (SharedState shared = SharedState.create(); Pool pool = Pool.threads(2)) {
            List<Seen> seen = countOnEveryWorker(pool, 20, shared.counter("arrived"));
            int highest = seen.stream().mapToInt(Seen::value).max().orElseThrow();
            assertTrue(highest > 10, "one counter for both threads: its highest value " + highest + " is above any one thread's share");
        }
    }

    @Test
    void aRecycledWorkerStartsWithFreshStatics() throws Exception {
        try (Pool pool = IsolatedPool.builder().workers(1).maxTasksPerWorker(3).build()) {
            List<Integer> values = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                values.add(pool.submit(StaticCounter::increment).get(HANG.toSeconds(), TimeUnit.SECONDS));
            }
            assertEquals(List.of(1, 2, 3, 1, 2, 3, 1), values);
        }
    }

    @Test
    void sharedClassesAreLoadedOnceForAll() throws Exception {
        try (Pool pool = IsolatedPool.builder().workers(1).maxTasksPerWorker(1).shared("dev.spindle.isolate.fixtures.").build()) {
            List<Integer> values = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                values.add(pool.submit(StaticCounter::increment).get(HANG.toSeconds(), TimeUnit.SECONDS));
            }
            assertEquals(3, values.size());
            assertTrue(values.get(2) == values.get(0) + 2, "one static, whatever the recycling: " + values);
        }
    }

    /** Where a task leaves a weak reference to its worker's loader, for the test to watch. */
    static final String LOADER = "spindle.isolate.test.loader";

    @Test
    void closingThePoolLetsItsClassLoadersBeCollected() throws Exception {
        try (Pool pool = Pool.isolated(1)) {
            pool.run(() -> System.getProperties().put(LOADER, new WeakReference<>(StaticCounter.class.getClassLoader())))
                    .get(HANG.toSeconds(), TimeUnit.SECONDS);
        }
        @SuppressWarnings("unchecked")
        WeakReference<ClassLoader> loader = (WeakReference<ClassLoader>) System.getProperties().remove(LOADER);
        assertTrue(loader.get() != null && loader.get() != StaticCounter.class.getClassLoader(), "the task ran in a loader of its own");
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(10); // not synchronisation: giving the collector a moment, up to a bound, to clear the reference
        }
        assertNull(loader.get(), "the closed pool's loader is still reachable: a class-loader leak");
    }

    @Test
    void badInputIsRefusedNamingTheValue() throws Exception {
        assertEquals("workers must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Pool.isolated(0)).getMessage());
        assertEquals("maxTasksPerWorker must be 0 (no limit) or more, was -1",
                assertThrows(IllegalArgumentException.class, () -> IsolatedPool.builder().maxTasksPerWorker(-1)).getMessage());
        try (Pool pool = Pool.isolated(1)) {
            Object notSerialisable = new Object();
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> pool.submit(() -> notSerialisable.hashCode()));
            assertTrue(refused.getMessage().contains("java.lang.Object is not serialisable"), refused.getMessage());
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> pool.submit(() -> new Object()).get(HANG.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(IsolateCrossingException.class, failed.getCause());
            assertTrue(failed.getCause().getMessage().contains("out of its isolate: java.lang.Object is not serialisable"),
                    failed.getCause().getMessage());
        }
    }
}
