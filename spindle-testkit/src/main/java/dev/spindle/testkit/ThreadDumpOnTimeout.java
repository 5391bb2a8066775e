package dev.spindle.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.util.concurrent.TimeoutException;

/**
 * When a test fails because it timed out, prints every live thread's stack before the failure
 * is reported: a hang is then read from the log rather than guessed at. Registered for every
 * test through JUnit's extension auto-detection (see this module's junit-platform.properties).
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

    /** Made by JUnit, which finds it through the service loader. */
    public ThreadDumpOnTimeout() {}

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof TimeoutException) {
            System.err.println("=== " + context.getDisplayName() + " timed out; all threads:");
            System.err.println(ThreadDumps.allThreads());
        }
        throw failure;
    }
}
