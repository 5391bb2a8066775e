package dev.spindle;

import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A backend whose dispatch a test scripts, one step per dispatch: the step decides what becomes
 * of the job, through the remote half of the SPI ({@code start}, {@code succeed}, {@code fail}).
 * Runs every step in the submitting thread, so a test reads the outcome as soon as
 * {@code submit} returns. Steps left over when the script runs out fall back to running the task.
 */
final class ScriptedBackend implements Backend {

    private final Deque<Consumer<Job>> script = new ArrayDeque<>();
    private boolean shutdown;
    int dispatches;

    /** Adds a step: what the next dispatch does. */
    ScriptedBackend then(Consumer<Job> step) {
        script.add(step);
        return this;
    }

    /** A step that starts the job on {@code worker} and reports it lost. */
    static Consumer<Job> loseWorker(String worker) {
        return job -> {
            if (job.start(worker, () -> {})) {
                job.fail(new WorkerLostException(worker, "exited with code 137 (SIGKILL)"));
            }
        };
    }

    /** A step that runs the task to its end on {@code worker}. */
    static Consumer<Job> runOn(String worker) {
        return job -> {
            if (job.start(worker, () -> {})) {
                try {
                    job.succeed(job.task().call());
                } catch (Exception e) {
                    job.fail(e);
                }
            }
        };
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public void dispatch(Job job) {
        if (shutdown) {
            throw new RejectedExecutionException("scripted backend is shut down");
        }
        dispatches++;
        Consumer<Job> step = script.poll();
        (step == null ? runOn("fallback") : step).accept(job);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public void shutdownNow() {
        shutdown = true;
    }

    @Override
    public boolean awaitTermination(Duration timeout) {
        return shutdown;
    }
}
