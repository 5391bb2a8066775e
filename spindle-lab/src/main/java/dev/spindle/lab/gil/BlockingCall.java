package dev.spindle.lab.gil;

/**
 * A blocking call (a sleep, I/O, waiting for a lock) that {@link Gil#blocking} runs with the
 * global interpreter lock released.
 *
 * @param <T> the result type
 * @param <X> the checked exception the call may throw ({@link RuntimeException} if none)
 */
@FunctionalInterface
public interface BlockingCall<T, X extends Exception> {

    T call() throws X;
}
