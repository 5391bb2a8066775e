package dev.spindle.process.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A worker's stdout and stderr, forwarded line by line to this JVM's with the worker's name in
 * front, the last {@value #LINES} lines of both kept for the report if the worker dies. One pump
 * thread per stream; each ends when the worker closes its stream, that is when it exits.
 */
final class OutputTail {

    static final int LINES = 20;

    private final String prefix;
    private final ArrayDeque<String> last = new ArrayDeque<>(LINES); // guarded by itself
    private final Thread out;
    private final Thread err;

    OutputTail(String worker, Process process) {
        this.prefix = "[" + worker + "] ";
        this.out = pump(worker + "-stdout", process.getInputStream(), () -> System.out);
        this.err = pump(worker + "-stderr", process.getErrorStream(), () -> System.err);
    }

    private Thread pump(String name, InputStream stream, Supplier<PrintStream> target) {
        return Thread.ofPlatform().daemon().name("spindle-" + name).start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    target.get().println(prefix + line);
                    synchronized (last) {
                        if (last.size() == LINES) {
                            last.removeFirst();
                        }
                        last.addLast(line);
                    }
                }
            } catch (IOException e) {
                // the stream broke with the process: what was read is kept
            }
        });
    }

    /** Waits, at most {@code millis}, for both streams to end, so that the tail holds the last words. */
    void drain(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        out.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        err.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }

    List<String> lines() {
        synchronized (last) {
            return List.copyOf(last);
        }
    }

    /** The tail for a report: "; its last output:" and the lines, indented, or "; it printed nothing". */
    String report() {
        List<String> lines = lines();
        if (lines.isEmpty()) {
            return "; it printed nothing";
        }
        StringBuilder report = new StringBuilder("; its last output:");
        for (String line : lines) {
            report.append(System.lineSeparator()).append("  ").append(prefix).append(line);
        }
        return report.toString();
    }
}
