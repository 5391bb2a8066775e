/**
 * Helpers for concurrent tests by the JDK's rules, for Spindle's own tests and for anyone testing
 * concurrent code: {@link dev.spindle.testkit.TestThreads} (failures in other threads fail the
 * test, every thread joined), thread dumps when a test hangs, and
 * {@link dev.spindle.testkit.SharedState}: gates, counters and recorders that a task shares with
 * its test from any JVM of the machine; and {@link dev.spindle.testkit.concurrently.Concurrently},
 * which runs one test body on many threads at once and makes the races it exposes likely.
 */
module dev.spindle.testkit {
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.launcher; // the discovery-time check of @Concurrently
    requires jdk.management; // thread dumps that include virtual threads
    requires java.instrument; // perturbation points inserted into classes under test

    exports dev.spindle.testkit;
    exports dev.spindle.testkit.concurrently;

    provides org.junit.jupiter.api.extension.Extension
            with dev.spindle.testkit.ThreadDumpOnTimeout, dev.spindle.testkit.concurrently.ConcurrentlyExtension;
    provides org.junit.platform.launcher.PostDiscoveryFilter with dev.spindle.testkit.concurrently.ConcurrentlyDiscoveryCheck;
}
