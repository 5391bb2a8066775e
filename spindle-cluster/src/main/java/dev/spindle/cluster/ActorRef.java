package dev.spindle.cluster;

import dev.spindle.cluster.internal.Actors;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * An actor: state kept on one member of the cluster, changed only by its calls, which run there
 * one at a time (the seeds' Ray actors). Made by {@code Cluster.actor}, found again by
 * {@code Cluster.actorRef}; a small handle that tasks may capture.
 *
 * <p>The calls made through one handle run in the order they were made: each is sent when the one
 * before has ended. Calls through several handles run one at a time, in the order they reach the
 * actor. If the member keeping the actor leaves the cluster, the state is lost and calls fail with
 * {@link dev.spindle.WorkerLostException}; a call to a stopped actor fails with
 * {@link ActorStoppedException}.
 *
 * @param <A> the state's type
 */
public final class ActorRef<A> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String key;
    private final String nodeId;
    private final String member;
    private transient CompletableFuture<?> last; // guarded by this

    ActorRef(String cluster, String key, String nodeId, String member) {
        this.cluster = cluster;
        this.key = key;
        this.nodeId = nodeId;
        this.member = member;
    }

    /** The actor's key in its cluster. */
    public String key() {
        return key;
    }

    /** The member keeping the actor's state, {@code host:port}. */
    public String member() {
        return member;
    }

    /**
     * Runs {@code call} on the actor's state, after the calls made before it through this handle.
     *
     * @return its result, or its exception
     */
    public <R> CompletableFuture<R> call(ActorCall<A, R> call) {
        Objects.requireNonNull(call, "call");
        synchronized (this) {
            CompletableFuture<?> before = last == null ? CompletableFuture.completedFuture(null) : last;
            CompletableFuture<R> next = before.handle((r, e) -> null)
                    .thenCompose(ignored -> Actors.call(cluster, key, nodeId, member, call));
            last = next;
            return next;
        }
    }

    /**
     * Stops the actor after the calls made before through this handle: its state is dropped, and
     * later calls fail with {@link ActorStoppedException}.
     *
     * @throws ActorStoppedException if it was stopped already
     */
    public void stop() throws InterruptedException {
        CompletableFuture<?> before;
        synchronized (this) {
            before = last;
        }
        if (before != null) {
            before.handle((r, e) -> null).join();
        }
        try {
            Actors.stop(cluster, key, nodeId, member).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("stopping actor '" + key + "' failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public String toString() {
        return "ActorRef[" + key + " on " + member + "]";
    }
}
