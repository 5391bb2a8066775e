package dev.spindle.examples;

import dev.spindle.testkit.ThreadDumps;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The registry the launcher reads, and every example run as the launcher runs it. */
class ExamplesTest {

    @Test
    void examplesComeInReadingOrder() {
        assertEquals(List.of("function-per-thread", "range-counters", "pool-map", "as-completed", "lost-updates",
                        "start-signal", "resource-limit", "barrier-phases", "producer-consumer", "structured-gather",
                        "worker-processes", "interpreters"),
                Examples.all().stream().map(Example::name).toList());
    }

    @Test
    void namesAreUniqueKebabCaseAndEachHasASummary() {
        Set<String> seen = new HashSet<>();
        for (Example example : Examples.all()) {
            assertTrue(seen.add(example.name()), "duplicate name " + example.name());
            assertTrue(example.name().matches("[a-z]+(-[a-z]+)*"), "not kebab case: " + example.name());
            assertFalse(example.summary().isBlank(), example.name() + " has no summary");
        }
    }

    @Test
    void namedFindsEachExample() {
        for (Example example : Examples.all()) {
            assertSame(example, Examples.named(example.name()).orElseThrow());
        }
    }

    @Test
    void namedFindsNothingForAnUnknownName() {
        assertTrue(Examples.named("no-such-example").isEmpty());
    }

    /**
     * Runs every body as {@code ./spindle example NAME} does: it must finish, print something, and
     * leave no thread of its own running (every thread joined, every pool closed).
     */
    @TestFactory
    Stream<DynamicTest> everyExampleRunsPrintsAndCleansUp() {
        return Examples.all().stream().map(example -> DynamicTest.dynamicTest(example.name(), () -> {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            String printed = printedBy(example);
            assertFalse(printed.isBlank(), example.name() + " printed nothing");
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (!before.contains(thread) && startedByExample(thread)) {
                    if (!thread.join(Duration.ofSeconds(10))) {
                        fail(example.name() + " left " + thread.getName() + " running\n" + ThreadDumps.allThreads());
                    }
                }
            }
        }));
    }

    /**
     * Threads an example starts are not daemons (they inherit that from the test's thread), and
     * pool threads are named {@code spindle-...}; the JDK's own helpers are daemons with other names.
     */
    private static boolean startedByExample(Thread thread) {
        return !thread.isDaemon() || thread.getName().startsWith("spindle-");
    }

    private static String printedBy(Example example) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            example.body().run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
