package dev.spindle;

/**
 * Receives a pool's {@link TaskEvent}s.
 *
 * <p>Called synchronously on the thread where the event happens (the submitter for
 * {@link TaskEvent.Submitted}, the worker for the others), so an implementation must be quick and
 * thread-safe. An exception it throws is logged through {@link System.Logger} and otherwise
 * ignored: a listener can never fail a task or a pool.
 */
@FunctionalInterface
public interface TaskListener {

    void onEvent(TaskEvent event);
}
