package dev.spindle.cluster;

import dev.spindle.cluster.internal.ClusterMember;
import dev.spindle.cluster.internal.Payloads;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * A map spread over the members, each entry kept on one member and backed up on another
 * ({@code Cluster.map}). A write returns once both have it, so every member reads it next. Keys
 * should be strings, numbers or UUIDs: they are compared as Ignite stores them. Values travel
 * serialised, as tasks do, so their classes must be on every member's class path. A small handle:
 * tasks capture it, and it finds the map on whichever member runs them.
 *
 * @param <K> the keys' type
 * @param <V> the values' type
 */
public final class ClusterMap<K, V> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String name;
    private transient volatile IgniteCache<K, byte[]> cache;

    ClusterMap(String cluster, String name) {
        this.cluster = cluster;
        this.name = Objects.requireNonNull(name, "name");
        cache();
    }

    private IgniteCache<K, byte[]> cache() {
        IgniteCache<K, byte[]> c = cache;
        if (c == null) {
            // FULL_SYNC: a write returns once the entry's backup has it too, so a member reading its backup sees it
            c = ClusterMember.local(cluster).ignite().getOrCreateCache(new CacheConfiguration<K, byte[]>("spindle-map-" + name)
                    .setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
            cache = c;
        }
        return c;
    }

    /** The map's name in its cluster. */
    public String name() {
        return name;
    }

    private String what() {
        return "cluster map '" + name + "'";
    }

    /** Maps {@code key} to {@code value}, replacing what it mapped to. */
    public void put(K key, V value) {
        cache().put(Objects.requireNonNull(key, "key"), Payloads.store(Objects.requireNonNull(value, "value"), what()));
    }

    /** Maps {@code key} to {@code value} unless it maps to something; whether it did. */
    public boolean putIfAbsent(K key, V value) {
        return cache().putIfAbsent(Objects.requireNonNull(key, "key"), Payloads.store(Objects.requireNonNull(value, "value"), what()));
    }

    /** What {@code key} maps to. */
    @SuppressWarnings("unchecked")
    public Optional<V> get(K key) {
        byte[] value = cache().get(Objects.requireNonNull(key, "key"));
        return Optional.ofNullable((V) Payloads.load(value, ClusterMember.local(cluster).classes(), what()));
    }

    /** Removes {@code key}'s entry; whether there was one. */
    public boolean remove(K key) {
        return cache().remove(Objects.requireNonNull(key, "key"));
    }

    public boolean containsKey(K key) {
        return cache().containsKey(Objects.requireNonNull(key, "key"));
    }

    public int size() {
        return cache().size();
    }

    @Override
    public String toString() {
        return "ClusterMap[" + name + " in " + cluster + "]";
    }
}
