/**
 * Helpers for concurrent tests by the JDK's rules, for Spindle's own tests and for anyone testing
 * concurrent code: {@link dev.spindle.testkit.TestThreads} (failures in other threads fail the
 * test, every thread joined), thread dumps when a test hangs, and
 * {@link dev.spindle.testkit.SharedState}: gates, counters and recorders that a task shares with
 * its test from any JVM of the machine.
 */
module dev.spindle.testkit {
    requires transitive org.junit.jupiter.api;
    requires jdk.management; // thread dumps that include virtual threads

    exports dev.spindle.testkit;

    provides org.junit.jupiter.api.extension.Extension with dev.spindle.testkit.ThreadDumpOnTimeout;
}
