package dev.spindle.cluster.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a member starts: which cluster it belongs to, where it listens, whom it joins.
 *
 * @param clusterName  members of other clusters are refused, in both directions
 * @param join         addresses ({@code host:port}) of members to join; empty to start a new cluster
 * @param host         the address this member binds and announces; loopback by default
 * @param port         the discovery port, or 0 for any free one
 * @param joinTimeout  how long to try the addresses of {@code join} before giving up
 * @param logging      whether Ignite's own log is printed (quiet by default)
 * @param maxMemoryMiB the most off-heap memory the member's data (maps, queues) may take
 * @param runsTasks    whether pools send tasks to this member (a member that only submits does not)
 */
public record ClusterSettings(String clusterName, List<String> join, String host, int port, Duration joinTimeout,
                              boolean logging, long maxMemoryMiB, boolean runsTasks) {

    /** The name of a cluster nobody named. */
    public static final String DEFAULT_NAME = "spindle";
    public static final String LOOPBACK = "127.0.0.1";
    public static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_MEMORY_MIB = 256;

    public ClusterSettings {
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterName.isBlank() || !clusterName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a cluster name is letters, digits, '.', '_' and '-', was '" + clusterName + "'");
        }
        join = List.copyOf(join);
        for (String address : join) {
            checkAddress(address);
        }
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 (any free one) and 65535, was " + port);
        }
        if (joinTimeout.isNegative() || joinTimeout.isZero()) {
            throw new IllegalArgumentException("joinTimeout must be positive, was " + joinTimeout);
        }
        if (maxMemoryMiB < 32) {
            throw new IllegalArgumentException("maxMemoryMiB must be at least 32, was " + maxMemoryMiB);
        }
    }

    /** One member alone on loopback, on a free port: what {@code Pool.cluster(n)} starts. */
    public static ClusterSettings embedded() {
        return new ClusterSettings(DEFAULT_NAME, List.of(), LOOPBACK, 0, DEFAULT_JOIN_TIMEOUT, false, DEFAULT_MAX_MEMORY_MIB, true);
    }

    /** {@code host:port}, with a port between 1 and 65535. */
    static void checkAddress(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a member's address is host:port, such as 10.0.0.5:47500, was '" + address + "'");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("the port of '" + address + "' must be between 1 and 65535");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a member's address is host:port, such as 10.0.0.5:47500, was '" + address + "'", e);
        }
    }
}
