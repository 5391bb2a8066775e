package dev.spindle.jcstress.pool;

import dev.spindle.TaskEvent;
import dev.spindle.TaskListener;

import java.util.Queue;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A listener that keeps the kinds of the events it received, in the order they arrived, such as
 * {@code "Started Finished"}. Listeners are called on whichever thread the event happens on, so
 * the trail is a concurrent queue.
 */
final class EventTrail implements TaskListener {

    private final Queue<String> kinds = new ConcurrentLinkedQueue<>();

    @Override
    public void onEvent(TaskEvent event) {
        kinds.add(event.getClass().getSimpleName());
    }

    /** The kinds received, space-separated, or {@code "no events"}. */
    @Override
    public String toString() {
        StringJoiner trail = new StringJoiner(" ").setEmptyValue("no events");
        kinds.forEach(trail::add);
        return trail.toString();
    }
}
