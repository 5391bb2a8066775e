package dev.spindle.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * A value stored once in the cluster ({@code Cluster.store}), by reference: the seeds' Ray
 * {@code ray.put} and {@code ray.get}. Pass the reference to many tasks instead of the value: each
 * task reads the value on its member, from the member that keeps it, and the submitter sends only
 * the reference. The value stays until {@link #delete()} or the cluster's end.
 *
 * @param cluster the cluster's name
 * @param id      the value's key in the cluster's object store
 * @param <V>     the value's type
 */
public record ObjectRef<V>(String cluster, String id) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The name of the map that keeps stored values. */
    static final String STORE = "objects";

    public ObjectRef {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(id, "id");
    }

    /**
     * The value, on any member of the cluster.
     *
     * @throws IllegalStateException if it was deleted, or this JVM runs no member of the cluster
     */
    @SuppressWarnings("unchecked")
    public V get() {
        return (V) new ClusterMap<String, Object>(cluster, STORE).get(id).orElseThrow(() ->
                new IllegalStateException("object " + id + " is not in cluster '" + cluster + "': it was deleted"));
    }

    /** Removes the value from the cluster; whether it was there. */
    public boolean delete() {
        return new ClusterMap<String, Object>(cluster, STORE).remove(id);
    }
}
