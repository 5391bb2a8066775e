package dev.spindle.structured;

import java.util.function.Supplier;

/**
 * A subtask forked in a {@link TaskGroup}: a handle to read its outcome once the group has joined.
 *
 * @param <T> the result type
 */
public sealed interface Subtask<T> extends Supplier<T> permits TaskGroup.Fork {

    /** Where a subtask is. */
    enum State {
        /** Not finished yet. */
        RUNNING,
        /** Returned a result. */
        SUCCESS,
        /** Threw an exception. */
        FAILED,
        /** Cancelled by its group (a sibling failed, the deadline passed, the group closed) before it finished. */
        CANCELLED
    }

    State state();

    /**
     * The result.
     *
     * @throws IllegalStateException unless the state is {@link State#SUCCESS}
     */
    @Override
    T get();

    /**
     * The exception the subtask threw.
     *
     * @throws IllegalStateException unless the state is {@link State#FAILED}
     */
    Throwable exception();
}
