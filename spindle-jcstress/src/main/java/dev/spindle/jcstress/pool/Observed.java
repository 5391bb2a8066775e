package dev.spindle.jcstress.pool;

import java.util.concurrent.CompletableFuture;

/** How the pool tests word what they saw, so that every test reads its results the same way. */
final class Observed {

    /** The value every task in these tests returns. */
    static final String VALUE = "value";

    private Observed() {}

    /** A future's final state: {@code value}, {@code cancelled}, {@code failed} or {@code not done}. */
    static String future(CompletableFuture<?> future) {
        if (future.isCancelled()) {
            return "cancelled";
        }
        if (!future.isDone()) {
            return "not done";
        }
        if (future.isCompletedExceptionally()) {
            return "failed";
        }
        return VALUE.equals(future.getNow(null)) ? "value" : "wrong value";
    }

    /** Whether the task body ran. */
    static String body(boolean ran) {
        return ran ? "ran" : "never ran";
    }

    /**
     * The current thread's interrupt status, cleared on the way (the jcstress actor thread goes
     * on to the next state, which a leaked interrupt would disturb).
     */
    static String interruptStatus() {
        return Thread.interrupted() ? "interrupt leaked" : "clean";
    }
}
