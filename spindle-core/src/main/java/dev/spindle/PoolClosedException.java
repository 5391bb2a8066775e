package dev.spindle;

import java.io.Serial;
import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown at once when work is submitted to a pool that is closed or closing. A
 * {@link RejectedExecutionException}, so code written against {@code ExecutorService} handles it.
 */
public final class PoolClosedException extends RejectedExecutionException {

    @Serial
    private static final long serialVersionUID = 1L;

    public PoolClosedException(String poolName) {
        super("pool " + poolName + " is closed: it accepts no more tasks");
    }
}
