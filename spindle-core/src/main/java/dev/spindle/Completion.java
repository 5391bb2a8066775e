package dev.spindle;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a wait in {@link Futures} found: the futures that were done and those still pending, each
 * in the order they were given. Python's {@code (done, not_done)} pair.
 *
 * @param done    the futures that had completed (normally, exceptionally or by cancellation)
 * @param pending the futures that had not
 */
public record Completion<T>(List<CompletableFuture<T>> done, List<CompletableFuture<T>> pending) {

    public Completion {
        done = List.copyOf(done);
        pending = List.copyOf(pending);
    }

    /** Whether any of the done futures completed exceptionally or was cancelled. */
    public boolean anyFailed() {
        return done.stream().anyMatch(CompletableFuture::isCompletedExceptionally);
    }
}
