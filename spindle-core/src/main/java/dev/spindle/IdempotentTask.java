package dev.spindle;

import java.util.Objects;

/**
 * A task marked safe to run again when its worker is lost; see {@link Task#idempotent(Task)}.
 * A record, so it serialises with the task it wraps.
 */
record IdempotentTask<T>(Task<T> task, int maxAttempts) implements Task<T> {

    static final int DEFAULT_ATTEMPTS = 3;

    IdempotentTask {
        Objects.requireNonNull(task, "task");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    @Override
    public T call() throws Exception {
        return task.call();
    }
}
