package dev.spindle.lab;

import dev.spindle.lab.harness.Harness;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What Ctrl-C does to a lab run: the JVM starts to shut down and runs this shutdown hook, which
 * {@linkplain Harness#stop() stops} the harness (the configuration under way is abandoned and its
 * pool closed at once) and then waits, for at most {@link #GRACE} seconds, until the command has
 * printed and written what was measured ({@link #reported()}). The JVM then exits with 130, as a
 * shell reports a process ended by SIGINT; the same happens on SIGTERM (143).
 *
 * <p>{@link #close()} removes the hook once the run has ended normally.
 */
final class Interruption implements AutoCloseable {

    /** How long the hook waits for the report, in seconds. */
    static final int GRACE = 30;

    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);

    private Interruption(Harness harness) {
        this.hook = new Thread(() -> {
            harness.stop();
            try {
                reported.await(GRACE, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spindle-lab-interrupt");
    }

    static Interruption onSignal(Harness harness) {
        Interruption interruption = new Interruption(harness);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** The results have been printed and written: a shutdown under way may go on. */
    void reported() {
        reported.countDown();
    }

    @Override
    public void close() {
        reported();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook runs and returns at once
        }
    }
}
