package dev.spindle.cluster;

import dev.spindle.Pool;
import dev.spindle.cluster.internal.Actors;
import dev.spindle.cluster.internal.ClusterBackend;
import dev.spindle.cluster.internal.ClusterMember;
import dev.spindle.cluster.internal.ClusterSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * This JVM's membership of a cluster: the member it runs, and the pools, actors and distributed
 * primitives over the whole cluster. Every member runs tasks, this one included.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.builder().name("lab").port(47500).start();   // others join 10.0.0.5:47500
 *      Pool pool = cluster.pool(16)) {
 *     List<Long> counts = pool.map(range -> countPrimes(range), ranges).toList();
 * }
 * }</pre>
 *
 * With no addresses to join, the member starts a cluster of its own, bound to loopback and
 * discovering nobody; other members join it by its {@link #address()}. Members run on Apache
 * Ignite; nothing of Ignite shows in this API.
 */
public final class Cluster implements AutoCloseable {

    private final ClusterMember member;
    private final List<Pool> pools = new ArrayList<>(); // guarded by this
    private final List<Runnable> onClose = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    private Cluster(ClusterMember member) {
        this.member = member;
    }

    /** A cluster of one member, this JVM, on loopback and a free port: others may join it at {@link #address()}. */
    public static Cluster embedded() {
        return builder().start();
    }

    /** A member to configure: whom to join, where to listen, the cluster's name. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A pool that runs up to {@code workers} tasks at once, anywhere in the cluster: each task on the
     * member running the fewest of the pool's tasks. Tasks are serialised; their classes must be on
     * every member's class path. Closing the pool leaves the cluster running; closing the cluster
     * closes its pools.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws IllegalStateException    if this cluster is closed
     */
    public synchronized Pool pool(int workers) {
        checkOpen();
        Pool pool = Pool.using(new ClusterBackend(member, workers, () -> {}));
        pools.add(pool);
        return pool;
    }

    /**
     * The counter of this name, made at 0 by its first user. Its handle may be captured by tasks.
     *
     * @throws IllegalStateException if this cluster is closed
     */
    public ClusterCounter counter(String name) {
        checkOpen();
        return new ClusterCounter(name(), name);
    }

    /** The lock of this name: released when the member that holds it leaves. Its handle may be captured by tasks. */
    public ClusterLock lock(String name) {
        checkOpen();
        return new ClusterLock(name(), name);
    }

    /**
     * The semaphore of this name, made with {@code permits} by its first user (later users get it
     * as it is). Permits held by a member that leaves come back. Its handle may be captured by tasks.
     */
    public ClusterSemaphore semaphore(String name, int permits) {
        checkOpen();
        return new ClusterSemaphore(name(), name, permits);
    }

    /** The latch of this name, made with {@code count} by its first user. Its handle may be captured by tasks. */
    public ClusterLatch latch(String name, int count) {
        checkOpen();
        return new ClusterLatch(name(), name, count);
    }

    /** The queue of this name, bounded to {@code capacity} values (0 for no bound). Its handle may be captured by tasks. */
    public <T> ClusterQueue<T> queue(String name, int capacity) {
        checkOpen();
        return new ClusterQueue<>(name(), name, capacity);
    }

    /** The map of this name, spread over the members. Its handle may be captured by tasks. */
    public <K, V> ClusterMap<K, V> map(String name) {
        checkOpen();
        return new ClusterMap<>(name(), name);
    }

    /**
     * Stores {@code value} once in the cluster and returns a reference for tasks to read it by:
     * send a large value this way to many tasks instead of capturing it in each.
     *
     * @throws IllegalArgumentException naming the class, if the value cannot be serialised
     */
    public <V> ObjectRef<V> store(V value) {
        checkOpen();
        ObjectRef<V> ref = new ObjectRef<>(name(), java.util.UUID.randomUUID().toString());
        new ClusterMap<String, V>(name(), ObjectRef.STORE).put(ref.id(), value);
        return ref;
    }

    /**
     * Makes an actor: state kept on one member (the one the cluster's pools would pick next), made
     * there by {@code factory}, and changed only by calls that run there one at a time.
     *
     * @throws IllegalStateException       if an actor of this key exists and was not stopped, naming its member
     * @throws MissingClassException       if the member lacks the factory's class
     * @throws java.util.concurrent.ExecutionException if the factory threw, with its exception as the cause
     */
    public <A> ActorRef<A> actor(String key, ActorFactory<A> factory) throws InterruptedException, java.util.concurrent.ExecutionException {
        checkOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(factory, "factory");
        Actors.Entry entry;
        try {
            entry = Actors.create(name(), key, factory);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
        return new ActorRef<>(name(), key, entry.nodeId(), entry.member());
    }

    /**
     * The actor of this key, made before by any member.
     *
     * @throws java.util.NoSuchElementException if there never was one
     * @throws ActorStoppedException            if it was stopped
     */
    public <A> ActorRef<A> actorRef(String key) {
        checkOpen();
        Actors.Entry entry = Actors.find(name(), Objects.requireNonNull(key, "key"));
        if (entry == null) {
            throw new java.util.NoSuchElementException("cluster '" + name() + "' has no actor '" + key + "'");
        }
        if (entry.stopped()) {
            throw new ActorStoppedException(key);
        }
        return new ActorRef<>(name(), key, entry.nodeId(), entry.member());
    }

    /**
     * A pool that owns this cluster: when the pool has closed and its tasks have ended, the
     * cluster closes too. For a cluster started for one pool, as {@code Pool.cluster(n)} does.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws IllegalStateException    if this cluster is closed
     */
    public synchronized Pool poolOwningCluster(int workers) {
        checkOpen();
        Pool pool = Pool.using(new ClusterBackend(member, workers, this::close));
        pools.add(pool);
        return pool;
    }

    /**
     * Runs {@code action} when this member closes, after it has left the cluster: to stop what was
     * started for this cluster, such as the JVM of another member. Actions run in the order given.
     *
     * @throws IllegalStateException if this cluster is closed
     */
    public synchronized void onClose(Runnable action) {
        checkOpen();
        onClose.add(java.util.Objects.requireNonNull(action, "action"));
    }

    /** The members' names ({@code host:port}), this one first. */
    public List<String> members() {
        checkOpen();
        List<String> names = new ArrayList<>();
        names.add(member.name());
        member.members().stream().map(ClusterMember::nameOf).filter(n -> !n.equals(member.name())).sorted().forEach(names::add);
        return names;
    }

    /** Where other members join this one: {@code host:port}. */
    public String address() {
        return member.name();
    }

    /** The cluster's name; members of clusters with other names are refused. */
    public String name() {
        return member.clusterName();
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the cluster member " + member.name() + " is closed");
        }
    }

    /** The member, for this module's other classes. */
    ClusterMember member() {
        checkOpen();
        return member;
    }

    /**
     * Closes this member's pools at once (their running tasks are cancelled), then leaves the
     * cluster and stops every thread of the member. Idempotent.
     */
    @Override
    public void close() {
        List<Pool> open;
        List<Runnable> actions;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(pools);
            actions = List.copyOf(onClose);
        }
        try {
            for (Pool pool : open) {
                pool.closeNow();
            }
        } finally {
            try {
                member.close();
            } finally {
                actions.forEach(Runnable::run);
            }
        }
    }

    @Override
    public String toString() {
        return "Cluster[" + member.clusterName() + " at " + member.name() + "]";
    }

    /** How a member starts. */
    public static final class Builder {
        private String name = ClusterSettings.DEFAULT_NAME;
        private final List<String> join = new ArrayList<>();
        private String host = ClusterSettings.LOOPBACK;
        private int port;
        private Duration joinTimeout = ClusterSettings.DEFAULT_JOIN_TIMEOUT;
        private boolean logging;
        private long maxMemoryMiB = ClusterSettings.DEFAULT_MAX_MEMORY_MIB;
        private boolean runsTasks = true;

        private Builder() {}

        /** The cluster's name (default {@code spindle}): members of clusters with other names are refused, both ways. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Joins the cluster that the members at these addresses ({@code host:port}) belong to,
         * instead of starting a new one. Discovery asks only these addresses.
         */
        public Builder join(String... addresses) {
            join.addAll(Arrays.asList(addresses));
            return this;
        }

        /** The address to bind and announce (default loopback, {@code 127.0.0.1}): another machine needs a reachable one. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port other members join this one on (default 0: any free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How long to try the addresses to join before giving up (default 10 s). */
        public Builder joinTimeout(Duration timeout) {
            this.joinTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Prints Ignite's own log (default off). */
        public Builder logging(boolean on) {
            this.logging = on;
            return this;
        }

        /** The most off-heap memory this member's share of maps and queues may take (default 256 MiB). */
        public Builder maxMemoryMiB(long mib) {
            this.maxMemoryMiB = mib;
            return this;
        }

        /**
         * Whether pools send tasks to this member (default yes). A member that only submits, as a
         * laptop driving a cluster of servers, says no: its pools then use the other members only.
         */
        public Builder runsTasks(boolean runsTasks) {
            this.runsTasks = runsTasks;
            return this;
        }

        /**
         * Starts the member, and joins the cluster if addresses were given.
         *
         * @throws IllegalArgumentException if a setting is out of range, naming it
         * @throws IllegalStateException    if this JVM lacks the flags the cluster needs, listing them
         * @throws ClusterJoinException     if the member cannot start or join, saying why
         */
        public Cluster start() {
            return new Cluster(ClusterMember.start(new ClusterSettings(name, join, host, port, joinTimeout, logging, maxMemoryMiB, runsTasks)));
        }
    }
}
