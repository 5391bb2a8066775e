package dev.spindle.testkit;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Text dumps of the threads of this JVM, for failure messages. */
public final class ThreadDumps {

    private ThreadDumps() {}

    /**
     * Every thread of this JVM with its stack, virtual threads included, as the JDK's plain-text
     * thread dump; if that dump cannot be written, the platform threads alone.
     */
    public static String allThreads() {
        try {
            return dump(HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        } catch (UncheckedIOException | UnsupportedOperationException e) {
            return platformThreads();
        }
    }

    private static String platformThreads() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            out.append('"').append(thread.getName()).append("\" ").append(thread.getState())
                    .append(thread.isDaemon() ? " daemon" : "").append('\n');
            for (StackTraceElement frame : entry.getValue()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Every thread of this JVM, virtual threads included (which {@link #allThreads()} misses), as
     * the JDK's JSON thread dump: each thread's name appears as {@code "name": "..."}.
     */
    public static String allThreadsJson() {
        return dump(HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
    }

    private static String dump(HotSpotDiagnosticMXBean.ThreadDumpFormat format) {
        try {
            Path dir = Files.createTempDirectory("spindle-threads");
            Path file = dir.resolve("threads.dump");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpThreads(file.toString(), format);
                return Files.readString(file);
            } finally {
                Files.deleteIfExists(file);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
