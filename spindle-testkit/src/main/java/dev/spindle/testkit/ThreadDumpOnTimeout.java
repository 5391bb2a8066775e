package dev.spindle.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.PreInterruptContext;

/**
 * When a test runs past its timeout, prints every thread's stack, virtual threads included,
 * <em>before</em> JUnit interrupts the test's thread: the hang is then read from the log, with the
 * test's own thread still where it was stuck, rather than guessed at. Registered for every test
 * through JUnit's extension auto-detection (see this module's junit-platform.properties).
 */
public final class ThreadDumpOnTimeout implements PreInterruptCallback {

    /** Made by JUnit, which finds it through the service loader. */
    public ThreadDumpOnTimeout() {}

    @Override
    public void beforeThreadInterrupt(PreInterruptContext interrupt, ExtensionContext context) {
        System.err.println("=== " + context.getDisplayName() + " timed out; every thread, before "
                + interrupt.getThreadToInterrupt().getName() + " is interrupted:");
        System.err.println(ThreadDumps.allThreads());
    }
}
