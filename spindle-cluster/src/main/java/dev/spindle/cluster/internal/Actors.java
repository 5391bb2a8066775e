package dev.spindle.cluster.internal;

import dev.spindle.Pool;
import dev.spindle.Task;
import dev.spindle.cluster.ActorCall;
import dev.spindle.cluster.ActorFactory;
import dev.spindle.cluster.ActorStoppedException;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How actors work. An actor's state lives in the JVM of the member that made it, in a registry of
 * that JVM; its calls reach it as tasks pinned to that member, through each member's own pool for
 * actors, and run there one at a time under the actor's fair lock, so that they queue in the order
 * they arrive. Tasks bring everything pools give (a class the member lacks is named, an exception
 * comes back as thrown, a member that leaves fails its calls with a lost worker) without a second
 * path through Ignite. The cluster's map of actors says which member keeps which key, and which
 * were stopped.
 */
public final class Actors {

    /** The cluster map of keys to where each actor lives. */
    public static final String DIRECTORY = "actors";

    /** Where an actor lives, or that it was stopped. */
    public record Entry(String nodeId, String member, boolean stopped) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** One actor's state and its turn. */
    private record Mailbox(Object state, ReentrantLock turn) {}

    /** The actors kept by the members of this JVM: cluster name, then key. */
    private static final Map<String, Map<String, Mailbox>> HERE = new ConcurrentHashMap<>();

    private Actors() {}

    /** What a pinned task carries: the member it must run on. */
    public interface Pinned {
        /** The member's node id. */
        UUID member();

        /** Its name, for the error when it is gone. */
        String memberName();
    }

    /**
     * Makes the actor on the member that the pool picks, and returns where it lives.
     *
     * @throws IllegalStateException if an actor of this key exists and was not stopped
     */
    public static Entry create(String cluster, String key, ActorFactory<?> factory) throws InterruptedException, ExecutionException {
        ClusterMember member = ClusterMember.local(cluster);
        return member.actorPool().submit(new Create(cluster, key, factory)).get();
    }

    /** Calls the actor on its member. */
    public static <A, R> CompletableFuture<R> call(String cluster, String key, String nodeId, String memberName, ActorCall<A, R> call) {
        ClusterMember member = ClusterMember.local(cluster);
        return member.actorPool().submit(new Call<>(cluster, key, UUID.fromString(nodeId), memberName, call));
    }

    /** Stops the actor on its member. */
    public static CompletableFuture<Void> stop(String cluster, String key, String nodeId, String memberName) {
        ClusterMember member = ClusterMember.local(cluster);
        return member.actorPool().submit(new Stop(cluster, key, UUID.fromString(nodeId), memberName));
    }

    /** Where the actor of this key lives, or null if there never was one. */
    public static Entry find(String cluster, String key) {
        return new Directory(cluster).find(key);
    }

    /** Drops the actors this JVM keeps for a cluster whose last member here has closed. */
    static void forget(String cluster) {
        HERE.remove(cluster);
    }

    private static Map<String, Mailbox> here(String cluster) {
        return HERE.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>());
    }

    private record Create(String cluster, String key, ActorFactory<?> factory) implements Task<Entry> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Entry call() throws Exception {
            ClusterMember member = ClusterMember.local(cluster);
            Entry entry = new Entry(member.ignite().cluster().localNode().id().toString(), member.name(), false);
            Directory directory = new Directory(cluster);
            Entry before = directory.claim(key, entry);
            if (before != null) {
                throw new IllegalStateException("actor '" + key + "' exists already, on member " + before.member());
            }
            try {
                here(cluster).put(key, new Mailbox(factory.create(), new ReentrantLock(true)));
            } catch (Exception | Error e) {
                directory.release(key);
                throw e;
            }
            return entry;
        }
    }

    private record Call<A, R>(String cluster, String key, UUID member, String memberName, ActorCall<A, R> invocation)
            implements Task<R>, Pinned {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        @SuppressWarnings("unchecked")
        public R call() throws Exception {
            Mailbox mailbox = here(cluster).get(key);
            if (mailbox == null) {
                throw new ActorStoppedException(key);
            }
            mailbox.turn().lockInterruptibly();
            try {
                if (here(cluster).get(key) != mailbox) {
                    throw new ActorStoppedException(key); // stopped while this call waited its turn
                }
                return invocation.apply((A) mailbox.state());
            } finally {
                mailbox.turn().unlock();
            }
        }
    }

    private record Stop(String cluster, String key, UUID member, String memberName) implements Task<Void>, Pinned {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Void call() throws InterruptedException {
            Mailbox mailbox = here(cluster).get(key);
            if (mailbox == null) {
                throw new ActorStoppedException(key);
            }
            mailbox.turn().lockInterruptibly();
            try {
                if (!here(cluster).remove(key, mailbox)) {
                    throw new ActorStoppedException(key);
                }
                new Directory(cluster).markStopped(key);
            } finally {
                mailbox.turn().unlock();
            }
            return null;
        }
    }
}
