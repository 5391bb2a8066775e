package dev.spindle;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pool's listeners: a copy-on-write array, so emitting reads one volatile field and allocates
 * nothing when no one listens. Every call into a listener is guarded: what it throws is logged
 * and dropped, so a faulty listener cannot fail a task or kill a worker. A listener's first
 * failure is logged as a warning with its stack trace, later ones at debug level, so a listener
 * that fails on every event does not flood the log.
 */
final class Listeners {

    private static final System.Logger LOG = System.getLogger(Pool.class.getName());
    private static final TaskListener[] NONE = {};

    private volatile TaskListener[] listeners = NONE;
    private final Set<TaskListener> reported = ConcurrentHashMap.newKeySet();

    boolean active() {
        return listeners.length > 0;
    }

    Subscription add(TaskListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            TaskListener[] current = listeners;
            TaskListener[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = listener;
            listeners = next;
        }
        return () -> remove(listener);
    }

    private synchronized void remove(TaskListener listener) {
        TaskListener[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                TaskListener[] next = new TaskListener[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                listeners = next;
                reported.remove(listener);
                return;
            }
        }
    }

    void emit(TaskEvent event) {
        for (TaskListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (Throwable t) {
                System.Logger.Level level = reported.add(listener) ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
                LOG.log(level, () -> "task listener " + listener + " threw on " + event
                        + "; ignored (later failures of this listener are logged at debug level)", t);
            }
        }
    }
}
