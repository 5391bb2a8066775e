package dev.spindle.structured;

/**
 * How one task of {@link Structured#gatherSettled} ended: a value or an exception. Python's
 * {@code gather(..., return_exceptions=True)}, with the two cases told apart by type.
 *
 * @param <T> the result type
 */
public sealed interface Outcome<T> {

    /** The task returned {@code value}. */
    record Success<T>(T value) implements Outcome<T> {}

    /** The task threw {@code error}. */
    record Failure<T>(Throwable error) implements Outcome<T> {}

    /** Whether the task returned normally. */
    default boolean isSuccess() {
        return this instanceof Success;
    }

    /**
     * The value.
     *
     * @throws java.util.concurrent.CompletionException carrying the error, for a failure
     */
    default T orElseThrow() {
        return switch (this) {
            case Success<T> s -> s.value();
            case Failure<T> f -> throw new java.util.concurrent.CompletionException(f.error());
        };
    }
}
