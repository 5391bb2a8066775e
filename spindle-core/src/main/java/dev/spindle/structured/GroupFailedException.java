package dev.spindle.structured;

import java.io.Serial;
import java.util.List;

/**
 * Thrown when subtasks of a group failed: the cause is the first failure, and every failure
 * (the first included) is attached as {@linkplain #getSuppressed() suppressed} and listed by
 * {@link #failures()}, in the order they happened. Subtasks cancelled because of the first
 * failure are not failures. Serialisable with its failures, so it crosses a process whole when
 * they are serialisable.
 */
public final class GroupFailedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // a List.copyOf, serialisable whenever the failures are
    private final List<Throwable> failures; // List.copyOf: immutable and serialisable, so it crosses a process

    public GroupFailedException(String what, List<Throwable> failures) {
        super(message(what, failures), failures.getFirst());
        this.failures = List.copyOf(failures);
        failures.forEach(this::addSuppressed);
    }

    /** Every failure, first first. */
    public List<Throwable> failures() {
        return failures;
    }

    private static String message(String what, List<Throwable> failures) {
        return what + ": " + failures.size() + (failures.size() == 1 ? " subtask" : " subtasks")
                + " failed, first " + failures.getFirst();
    }
}
