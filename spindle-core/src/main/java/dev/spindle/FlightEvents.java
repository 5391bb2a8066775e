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

    @Name("dev.spindle.TaskSubmitted")
    @Label("Task Submitted")
    @Category("Spindle")
    @Description("A pool accepted a task.")
    @StackTrace(false)
    static final class Submitted extends Event {
        @Label("Pool")
        String pool;
        @Label("Task Id")
        long taskId;
        @Label("Inputs")
        @Description("How many inputs the task carries: more than one for a chunk of a map.")
        int inputs;
    }

    @Name("dev.spindle.TaskStarted")
    @Label("Task Started")
    @Category("Spindle")
    @Description("A worker began a task.")
    @StackTrace(false)
    static final class Started extends Event {
        @Label("Pool")
        String pool;
        @Label("Task Id")
        long taskId;
        @Label("Worker")
        String worker;
    }

    @Name("dev.spindle.TaskFinished")
    @Label("Task Finished")
    @Category("Spindle")
    @Description("A task returned normally.")
    @StackTrace(false)
    static final class Finished extends Event {
        @Label("Pool")
        String pool;
        @Label("Task Id")
        long taskId;
        @Label("Worker")
        String worker;
    }

    @Name("dev.spindle.TaskFailed")
    @Label("Task Failed")
    @Category("Spindle")
    @Description("A task threw, or was lost with its worker.")
    @StackTrace(false)
    static final class Failed extends Event {
        @Label("Pool")
        String pool;
        @Label("Task Id")
        long taskId;
        @Label("Worker")
        String worker;
        @Label("Error")
        String error;
    }

    /** Whether a recording wants the started event now: the pool then reports the task's start. */
    static boolean recording() {
        return PROBES && new Started().isEnabled();
    }

    static void submitted(String pool, long taskId, int inputs) {
        if (!PROBES) {
            return;
        }
        Submitted e = new Submitted();
        if (e.isEnabled()) {
            e.pool = pool;
            e.taskId = taskId;
            e.inputs = inputs;
            e.commit();
        }
    }

    static void started(String pool, long taskId, String worker) {
        if (!PROBES) {
            return;
        }
        Started e = new Started();
        if (e.isEnabled()) {
            e.pool = pool;
            e.taskId = taskId;
            e.worker = worker;
            e.commit();
        }
    }

    /** The end of a task: finished without {@code error}, failed with it. */
    static void ended(String pool, long taskId, String worker, Throwable error) {
        if (!PROBES) {
            return;
        }
        if (error == null) {
            Finished e = new Finished();
            if (e.isEnabled()) {
                e.pool = pool;
                e.taskId = taskId;
                e.worker = worker;
                e.commit();
            }
        } else {
            Failed e = new Failed();
            if (e.isEnabled()) {
                e.pool = pool;
                e.taskId = taskId;
                e.worker = worker;
                e.error = error.toString();
                e.commit();
            }
        }
    }
}
