package dev.spindle.jcstress.sync;

/**
 * A blocking call made from a jcstress actor, which may not throw checked exceptions. No test
 * here interrupts its actors, so an {@link InterruptedException} is a harness failure: it is
 * rethrown unchecked, and jcstress reports the test as an error.
 */
@FunctionalInterface
interface Blocking<T> {

    T call() throws InterruptedException;

    static <T> T uninterrupted(Blocking<T> call) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("a jcstress actor was interrupted; no test interrupts its actors", e);
        }
    }
}
