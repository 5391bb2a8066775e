package dev.spindle.lab.workload;

import dev.spindle.lab.workload.CounterRaceWorkload.Variant;
import dev.spindle.testkit.concurrently.ConcurrentThread;
import dev.spindle.testkit.concurrently.Concurrently;
import dev.spindle.testkit.concurrently.Shared;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The testkit's {@code @Concurrently} on the lab's lost-update counter: one test body, which
 * counts and then checks the total, passes on one thread; run on four threads with the counter
 * perturbed it catches the lost update in at least 99 runs of 100; and on {@code AtomicLong} it
 * passes every time. Each run is one launch of a small test class with its own seed, as a user's
 * build would run it.
 */
class RaceCounterConcurrentlyTest {

    static final int INCREMENTS = 1_000;
    static final int RUNS = 100;

    /** The body every fixture below runs: count, meet, check. */
    abstract static class CountsEveryIncrement {
        abstract Variant variant();

        @Test
        void countsEveryIncrement(@Shared RaceCounter counter, ConcurrentThread thread) throws InterruptedException {
            for (int i = 0; i < INCREMENTS; i++) {
                counter.increment(variant());
            }
            thread.awaitOthers();
            assertEquals((long) thread.threads() * INCREMENTS, counter.value(variant()));
        }
    }

    static class UnsynchronizedOnOneThread extends CountsEveryIncrement {
        @Override
        Variant variant() {
            return Variant.UNSYNCHRONIZED;
        }
    }

    @Concurrently(threads = 4, perturb = RaceCounter.class)
    static class UnsynchronizedPerturbed extends UnsynchronizedOnOneThread {}

    @Concurrently(threads = 4)
    static class UnsynchronizedUnperturbed extends UnsynchronizedOnOneThread {}

    @Concurrently(threads = 4, perturb = RaceCounter.class)
    static class AtomicPerturbed extends CountsEveryIncrement {
        @Override
        Variant variant() {
            return Variant.ATOMIC;
        }
    }

    /** Runs the fixture {@link #RUNS} times, seeds 1 to 100, and returns how many runs failed. */
    static long failedRuns(Class<?> fixture) {
        return failures(fixture).size();
    }

    /** Runs the fixture {@link #RUNS} times, seeds 1 to 100, and returns each failed run's seed and failure. */
    static List<String> failures(Class<?> fixture) {
        List<String> failures = new ArrayList<>();
        for (int seed = 1; seed <= RUNS; seed++) {
            Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .configurationParameter("spindle.concurrently.seed", Integer.toString(seed))
                    .execute().testEvents();
            events.assertStatistics(s -> s.started(1));
            int run = seed;
            events.failed().stream().forEach(e -> failures.add("seed " + run + ": " + e.getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("no throwable")));
        }
        return failures;
    }

    @Test
    void theUnsynchronisedCounterPassesOnOneThread() {
        assertEquals(0, failedRuns(UnsynchronizedOnOneThread.class));
    }

    /** Prints both detection rates, for docs/TESTKIT.md; asserts the perturbed one. */
    @Test
    void theUnsynchronisedCounterFailsInAtLeast99RunsOf100WhenPerturbed() {
        long unperturbed = failedRuns(UnsynchronizedUnperturbed.class);
        long perturbed = failedRuns(UnsynchronizedPerturbed.class);
        System.out.printf("lost update caught in %d of %d runs without perturbation, %d of %d with it%n", unperturbed, RUNS, perturbed, RUNS);
        assertTrue(perturbed >= 99, "caught in " + perturbed + " runs of " + RUNS);
    }

    @Test
    void theAtomicCounterPassesEveryPerturbedRun() {
        assertEquals(List.of(), failures(AtomicPerturbed.class));
    }
}
