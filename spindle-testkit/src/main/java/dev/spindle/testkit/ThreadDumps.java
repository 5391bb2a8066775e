package dev.spindle.testkit;

import java.util.Map;

/** Text dumps of the threads of this JVM, for failure messages. */
public final class ThreadDumps {

    private ThreadDumps() {}

    /** Every live platform thread's name, state and stack. */
    public static String allThreads() {
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
}
