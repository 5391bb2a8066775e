package dev.spindle.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What an example's {@code run(PrintStream)} returned, and what it printed. */
record Printed<T>(T result, String output) {

    /** An example's logic, printing to the stream it is given. */
    @FunctionalInterface
    interface Run<T> {
        T run(PrintStream out) throws Exception;
    }

    static <T> Printed<T> of(Run<T> example) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            T result = example.run(out);
            return new Printed<>(result, buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
