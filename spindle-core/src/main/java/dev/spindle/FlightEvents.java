package dev.spindle;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Task lifecycle as JDK Flight Recorder events: {@code dev.spindle.TaskSubmitted},
 * {@code TaskStarted}, {@code TaskFinished} and {@code TaskFailed}, in the category "Spindle",
 * with the pool, the task id and (once it runs) the worker; {@code jfr print --events
 * 'dev.spindle.*'} and JDK Mission Control show them.
 *
 * <h2>Cost when nobody records</h2>
 * Each probe is JFR's idiom: make the event, ask {@link Event#isEnabled()}, commit only if it is.
 * While no recording enables these events, {@code isEnabled()} reads one static field and the JIT
 * removes the allocation, so a probe costs a load and a branch. The system property
 * {@code spindle.jfr.events=false} turns the probes into constants the JIT removes entirely,
 * which is how the benchmark measures their cost when nobody records.
 *
 * <p>Events carry no stack trace: the task is known by its id, and a stack per task would cost
 * more than the event.
 */
final class FlightEvents {

    /** Whether the probes exist at all ({@code -Dspindle.jfr.events=false} removes them). */
    static final boolean PROBES = !"false".equals(System.getProperty("spindle.jfr.events"));

    private FlightEvents() {}

    /** What every task event carries: the pool and the task. */
    abstract static class TaskFlightEvent extends Event {
        @Label("Pool")
        String pool;
        @Label("Task Id")
        long taskId;

        /** Commits this event about {@code taskId} of {@code pool}, if a recording wants it. */
        final void commit(String pool, long taskId) {
            if (isEnabled()) {
                this.pool = pool;
                this.taskId = taskId;
                commit();
            }
        }
    }

    /** An event about a task on a worker. */
    abstract static class TaskOnWorker extends TaskFlightEvent {
        @Label("Worker")
        String worker;
    }

    @Name("dev.spindle.TaskSubmitted")
    @Label("Task Submitted")
    @Category("Spindle")
    @Description("A pool accepted a task.")
    @StackTrace(false)
    static final class Submitted extends TaskFlightEvent {
        @Label("Inputs")
        @Description("How many inputs the task carries: more than one for a chunk of a map.")
        int inputs;
    }

    @Name("dev.spindle.TaskStarted")
    @Label("Task Started")
    @Category("Spindle")
    @Description("A worker began a task.")
    @StackTrace(false)
    static final class Started extends TaskOnWorker {}

    @Name("dev.spindle.TaskFinished")
    @Label("Task Finished")
    @Category("Spindle")
    @Description("A task returned normally.")
    @StackTrace(false)
    static final class Finished extends TaskOnWorker {}

    @Name("dev.spindle.TaskFailed")
    @Label("Task Failed")
    @Category("Spindle")
    @Description("A task threw, or was lost with its worker.")
    @StackTrace(false)
    static final class Failed extends TaskOnWorker {
        @Label("Error")
        String error;
    }

    /** Whether a recording wants the started event now: the pool then reports the task's start. */
    static boolean recording() {
        return PROBES && new Started().isEnabled();
    }

    static void submitted(String pool, long taskId, int inputs) {
        if (PROBES) {
            Submitted e = new Submitted();
            e.inputs = inputs;
            e.commit(pool, taskId);
        }
    }

    static void started(String pool, long taskId, String worker) {
        if (PROBES) {
            Started e = new Started();
            e.worker = worker;
            e.commit(pool, taskId);
        }
    }

    /** The end of a task: finished without {@code error}, failed with it. */
    static void ended(String pool, long taskId, String worker, Throwable error) {
        if (!PROBES) {
            return;
        }
        TaskOnWorker e;
        if (error == null) {
            e = new Finished();
        } else {
            Failed failed = new Failed();
            if (failed.isEnabled()) { // the message is made only for a recording
                failed.error = error.toString();
            }
            e = failed;
        }
        e.worker = worker;
        e.commit(pool, taskId);
    }
}
