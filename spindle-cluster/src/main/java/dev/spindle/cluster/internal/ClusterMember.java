package dev.spindle.cluster.internal;

import dev.spindle.Pool;
import dev.spindle.cluster.ClusterJoinException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.AtomicConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SystemDataRegionConfiguration;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.logger.NullLogger;
import org.apache.ignite.logger.java.JavaLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.apache.ignite.spi.failover.never.NeverFailoverSpi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One Ignite node started the way Spindle wants it, and stopped without a trace.
 *
 * <ul>
 *   <li>Bound to the address it is given, loopback by default, for discovery and communication
 *       alike; no thin-client, REST or JDBC port.</li>
 *   <li>Discovery only on the addresses given; with none, only on its own, so an embedded member
 *       never joins a stranger on the same machine.</li>
 *   <li>No update check, no peer class loading (members never load classes from one another),
 *       Ignite's log off unless asked for.</li>
 *   <li>Ignite's failover off: a job whose member leaves fails, and Spindle's pool decides whether
 *       to run it again (only an idempotent task). A critical failure stops the node, never the
 *       user's JVM.</li>
 *   <li>Its work directory is a temporary one, deleted when it stops, or by the next member to
 *       start if its JVM was killed.</li>
 * </ul>
 */
public final class ClusterMember implements AutoCloseable {

    private static final AtomicInteger MEMBERS = new AtomicInteger();
    /** The members running in this JVM, for handles that travel in tasks and resolve where they land. */
    private static final List<ClusterMember> RUNNING = new CopyOnWriteArrayList<>();
    private static final long MIB = 1024 * 1024;
    /** The system property that turns Ignite's log on for every member of the JVM, as {@code logging(true)} does for one. */
    public static final String LOG_PROPERTY = "spindle.cluster.log";
    /** How many actor calls one member may have in flight at once. */
    private static final int ACTOR_CALLS = 1024;
    /** Followed by the pid of the member's JVM, so that a later member can delete an orphan's. */
    private static final String WORK_PREFIX = "spindle-cluster-";

    private final Ignite ignite;
    private final String name;
    private final String clusterName;
    private final Path workDirectory;
    private final ClassLoader classes;
    private Pool actors; // guarded by this
    private volatile Topology topology;

    /**
     * The members that run tasks and a compute facade for each, as of one topology version: pools
     * ask for them at every task, and building them anew from Ignite's projections each time cost
     * more than the rest of a tiny task's dispatch.
     */
    private record Topology(long version, List<ClusterNode> workers, Map<UUID, IgniteCompute> computes) {}

    private ClusterMember(Ignite ignite, String name, String clusterName, Path workDirectory, ClassLoader classes) {
        this.ignite = ignite;
        this.name = name;
        this.clusterName = clusterName;
        this.workDirectory = workDirectory;
        this.classes = classes;
    }

    /**
     * Starts a member and, when {@code settings} name addresses, joins the cluster there.
     *
     * @throws IllegalStateException if the JVM lacks the flags Ignite needs, listing them
     * @throws ClusterJoinException  if it cannot start or join, saying why
     */
    public static ClusterMember start(ClusterSettings settings) {
        JvmFlags.check();
        if (!settings.join().isEmpty()) {
            awaitAnAnswer(settings);
        }
        if (System.getProperty("IGNITE_UPDATE_NOTIFIER") == null) {
            System.setProperty("IGNITE_UPDATE_NOTIFIER", "false"); // no phone-home: Ignite reads only this property
        }
        int port = settings.port() == 0 ? freePort(settings.host()) : settings.port();
        String member = settings.host() + ":" + port;
        Path work;
        try {
            deleteOrphans();
            work = Files.createTempDirectory(WORK_PREFIX + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the member's work directory", e);
        }
        String instance = "spindle-" + settings.clusterName() + "-" + MEMBERS.incrementAndGet();
        try {
            Ignite ignite = Ignition.start(configuration(settings, instance, member, port, work));
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            ClusterMember started = new ClusterMember(ignite, member, settings.clusterName(), work,
                    context != null ? context : ClusterMember.class.getClassLoader());
            RUNNING.add(started);
            return started;
        } catch (IgniteException e) {
            delete(work);
            throw new ClusterJoinException(whyNotStarted(settings, member, e), e);
        } catch (RuntimeException | Error e) {
            delete(work);
            throw e;
        }
    }

    private static IgniteConfiguration configuration(ClusterSettings settings, String instance, String member, int port, Path work) {
        List<String> addresses = settings.join().isEmpty() ? List.of(member) : settings.join();
        TcpDiscoverySpi discovery = new TcpDiscoverySpi()
                .setLocalAddress(settings.host())
                .setLocalPort(port)
                .setLocalPortRange(0)
                .setJoinTimeout(settings.joinTimeout().toMillis())
                .setIpFinder(new TcpDiscoveryVmIpFinder().setAddresses(addresses));
        TcpCommunicationSpi communication = new TcpCommunicationSpi().setLocalAddress(settings.host());
        DataStorageConfiguration storage = new DataStorageConfiguration()
                .setDefaultDataRegionConfiguration(new DataRegionConfiguration().setName("default")
                        .setInitialSize(Math.min(32, settings.maxMemoryMiB()) * MIB).setMaxSize(settings.maxMemoryMiB() * MIB))
                .setSystemDataRegionConfiguration(new SystemDataRegionConfiguration().setInitialSize(16 * MIB).setMaxSize(64 * MIB));
        return new IgniteConfiguration()
                .setIgniteInstanceName(instance)
                .setLocalHost(settings.host())
                .setWorkDirectory(work.toString())
                .setGridLogger(settings.logging() || Boolean.getBoolean(LOG_PROPERTY) ? new JavaLogger() : new NullLogger())
                .setPeerClassLoadingEnabled(false)
                .setClientConnectorConfiguration(null)
                .setConnectorConfiguration(null)
                .setMetricsLogFrequency(0)
                .setFailureHandler(new StopNodeFailureHandler())
                .setFailoverSpi(new NeverFailoverSpi())
                .setDiscoverySpi(discovery)
                .setCommunicationSpi(communication)
                .setDataStorageConfiguration(storage)
                .setAtomicConfiguration(new AtomicConfiguration().setBackups(1))
                .setUserAttributes(Map.of(ClusterNamePlugin.CLUSTER_ATTRIBUTE, settings.clusterName(),
                        ClusterNamePlugin.MEMBER_ATTRIBUTE, member, ClusterNamePlugin.RUNS_TASKS_ATTRIBUTE, settings.runsTasks()))
                .setPluginProviders(new ClusterNamePlugin(settings.clusterName()));
    }

    /**
     * Returns once one of the addresses to join accepts a connection. Ignite's own join gives up
     * long after its join timeout (13 s for a timeout of 2 s, measured), so the timeout is kept
     * here, before Ignite starts: connection attempts round the addresses, a tenth of a second
     * apart, until the timeout.
     *
     * @throws ClusterJoinException if none answered within the join timeout
     */
    private static void awaitAnAnswer(ClusterSettings settings) {
        long start = System.nanoTime();
        long timeout = settings.joinTimeout().toNanos();
        while (true) {
            for (String address : settings.join()) {
                int colon = address.lastIndexOf(':');
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                            (int) Math.max(1, Math.min(1_000, TimeUnit.NANOSECONDS.toMillis(timeout - (System.nanoTime() - start)))));
                    return;
                } catch (IOException e) {
                    // not there yet: the next address, or the next round
                }
            }
            if (System.nanoTime() - start >= timeout) {
                throw new ClusterJoinException("no member of cluster '" + settings.clusterName() + "' answered at "
                        + String.join(", ", settings.join()) + " within " + settings.joinTimeout().toMillis() + " ms", null);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ClusterJoinException("cannot listen on " + host + ": " + e.getMessage(), e);
        }
    }

    /** What went wrong, in the user's terms, from the messages Ignite wraps it in. */
    private static String whyNotStarted(ClusterSettings settings, String member, Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        String text = all.toString();
        int refused = text.indexOf("refused it");
        if (refused >= 0) {
            int start = text.lastIndexOf("member ", refused);
            int node = text.lastIndexOf("the node at ", refused);
            return text.substring(Math.max(start, node), refused + "refused it".length());
        }
        if (text.contains("Failed to connect to any address from IP finder")) {
            return "no member of cluster '" + settings.clusterName() + "' answered at " + String.join(", ", settings.join()) + " within "
                    + settings.joinTimeout().toMillis() + " ms";
        }
        if (text.contains("Failed to bind") || text.contains("Address already in use")) {
            return "member " + member + " cannot listen: the port is taken";
        }
        return "member " + member + " did not start: " + e.getMessage();
    }

    /**
     * A member of this cluster running in this JVM: where a handle that travelled in a task finds
     * the cluster.
     *
     * @throws IllegalStateException if this JVM runs no member of it
     */
    public static ClusterMember local(String clusterName) {
        for (ClusterMember member : RUNNING) {
            if (member.clusterName.equals(clusterName)) {
                return member;
            }
        }
        throw new IllegalStateException("this JVM runs no member of cluster '" + clusterName
                + "': the cluster's maps, queues, counters, locks and actors are used from its members and their tasks");
    }

    /** The member in this JVM that runs this Ignite node. */
    static ClusterMember of(Ignite ignite) {
        for (ClusterMember member : RUNNING) {
            if (member.ignite == ignite) {
                return member;
            }
        }
        throw new IllegalStateException("Ignite node " + ignite.name() + " is not a Spindle member of this JVM");
    }

    /**
     * The loader of the application's classes on this member: the context class loader of the
     * thread that started it (an application server's, a source launcher's), where tasks, results
     * and stored values find their classes.
     */
    public ClassLoader classes() {
        return classes;
    }

    /** The Ignite node, for the code of this module. */
    public Ignite ignite() {
        return ignite;
    }

    /** This member's name, {@code host:port} of its discovery address: where other members join it. */
    public String name() {
        return name;
    }

    /** The cluster's name. */
    public String clusterName() {
        return clusterName;
    }

    /** Every member of the cluster. */
    public List<ClusterNode> members() {
        return List.copyOf(ignite.cluster().forServers().nodes());
    }

    /** The members that pools send tasks to: all but those started not to run tasks. */
    public List<ClusterNode> workers() {
        return topology().workers();
    }

    /** Ignite's compute facade over one member. */
    public IgniteCompute computeOn(ClusterNode node) {
        return topology().computes().computeIfAbsent(node.id(), id -> ignite.compute(ignite.cluster().forNode(node)));
    }

    private Topology topology() {
        long version = ignite.cluster().topologyVersion();
        Topology current = topology;
        if (current == null || current.version() != version) {
            List<ClusterNode> workers = members().stream()
                    .filter(n -> !Boolean.FALSE.equals(n.attribute(ClusterNamePlugin.RUNS_TASKS_ATTRIBUTE))).toList();
            current = new Topology(version, workers, new ConcurrentHashMap<>());
            topology = current;
        }
        return current;
    }

    /** Whether the member with this node id is still in the cluster. */
    public boolean isMember(UUID node) {
        return ignite.cluster().node(node) != null;
    }

    /** A member's name, {@code host:port}. */
    public static String nameOf(ClusterNode node) {
        Object name = node.attribute(ClusterNamePlugin.MEMBER_ATTRIBUTE);
        return name == null ? node.id().toString() : name.toString();
    }

    /** This member's pool for actor calls, which are few and short: they wait their turn on their actor, not here. */
    synchronized Pool actorPool() {
        if (actors == null) {
            actors = Pool.using(new ClusterBackend(this, ACTOR_CALLS, () -> {}));
        }
        return actors;
    }

    /** Leaves the cluster, stops every thread of this member and deletes its work directory. Idempotent. */
    @Override
    public void close() {
        RUNNING.remove(this);
        if (RUNNING.stream().noneMatch(m -> m.clusterName.equals(clusterName))) {
            Actors.forget(clusterName);
        }
        synchronized (this) {
            if (actors != null) {
                actors.closeNow();
            }
        }
        try {
            Ignition.stop(ignite.name(), true);
        } finally {
            delete(workDirectory);
        }
    }

    /**
     * Deletes the work directories of members whose JVM is gone: one killed (SIGKILL) could not
     * delete its own. The directory's name carries its JVM's pid.
     */
    private static void deleteOrphans() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            files.filter(p -> p.getFileName().toString().startsWith(WORK_PREFIX)).forEach(p -> {
                String[] parts = p.getFileName().toString().substring(WORK_PREFIX.length()).split("-", 2);
                try {
                    if (ProcessHandle.of(Long.parseLong(parts[0])).isEmpty()) {
                        delete(p);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            });
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the directory is temporary: what cannot be deleted now goes with the temporary files
        }
    }
}
