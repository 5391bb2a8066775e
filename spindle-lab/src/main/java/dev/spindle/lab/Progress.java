package dev.spindle.lab;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.Console;
import java.io.PrintWriter;

/**
 * The lab's progress bar on a terminal: configurations done out of all, the one running now, and
 * the time left, drawn by the {@code progressbar} library on the line below the table. When the
 * output is not a terminal (a pipe, a file, a test), the bar stays silent and only the table is
 * written.
 *
 * <p>The library renders the bar on its own thread; it hands each rendering to
 * the bar's {@code draw}, and table lines go through {@link #above(String)}: both under one lock,
 * so a line never lands in the middle of the bar. A table line clears the bar, is printed, and
 * the bar is drawn again below it.
 */
class Progress implements AutoCloseable {

    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintWriter out;

    Progress(PrintWriter out) {
        this.out = out;
    }

    /** A bar if the standard output is a terminal, else one that only prints table lines. */
    static Progress forTerminal(PrintWriter out) {
        Console console = System.console();
        return console != null && console.isTerminal() ? new Bar(out) : new Progress(out);
    }

    /** Sets how many configurations the run has. */
    void start(int configurations) {}

    /** A configuration starts. */
    void starting(String configuration) {}

    /** Prints a table line. */
    void above(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {}

    /** The terminal's bar. */
    private static final class Bar extends Progress {

        private final Object lock = new Object();
        private ProgressBar bar;
        private String drawn = ""; // guarded by lock
        private boolean closed;    // guarded by lock

        Bar(PrintWriter out) {
            super(out);
        }

        @Override
        void start(int configurations) {
            bar = new ProgressBarBuilder().setTaskName("lab").setInitialMax(configurations).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setConsumer(new DelegatingProgressBarConsumer(this::draw, 100)).build();
        }

        @Override
        void starting(String configuration) {
            if (bar != null) {
                bar.setExtraMessage(configuration);
            }
        }

        private void draw(String rendered) {
            synchronized (lock) {
                if (!closed) {
                    drawn = rendered;
                    out().print(CLEAR_LINE + rendered);
                    out().flush();
                }
            }
        }

        @Override
        void above(String line) {
            synchronized (lock) {
                out().print(CLEAR_LINE);
                out().println(line);
                out().print(drawn);
                out().flush();
            }
            if (bar != null) {
                bar.step();
            }
        }

        /** Stops the bar's thread and erases the bar; later calls do nothing. */
        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            if (bar != null) {
                bar.close();
            }
            synchronized (lock) {
                out().print(CLEAR_LINE);
                out().flush();
            }
        }
    }

    PrintWriter out() {
        return out;
    }
}
