package dev.spindle.isolate.internal;

import java.util.Map;

/**
 * The named values an isolate was prepared with, for the task it runs now: set by the worker
 * around each task, read by {@code Isolate.main}. This class is shared by every loader (see
 * {@link IsolateLoader}), so the worker and the task's code see the same thread-local.
 */
public final class IsolateMain {

    private static final ThreadLocal<Map<String, Object>> VALUES = new ThreadLocal<>();

    private IsolateMain() {}

    static void enter(Map<String, Object> values) {
        VALUES.set(values);
    }

    static void exit() {
        VALUES.remove();
    }

    /** The values of the isolate running on this thread, or null outside an isolate. */
    public static Map<String, Object> values() {
        return VALUES.get();
    }
}
