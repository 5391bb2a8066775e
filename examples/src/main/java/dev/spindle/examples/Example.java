package dev.spindle.examples;

/**
 * One runnable example: its name on the command line ({@code ./spindle example NAME}), a line
 * saying what it shows, and its body, which prints to standard output.
 *
 * @param name    the command-line name, in kebab case
 * @param summary one line: what the example shows
 * @param body    runs the example
 */
public record Example(String name, String summary, Body body) {

    /** An example's code; may throw, and the launcher reports what it threw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }
}
