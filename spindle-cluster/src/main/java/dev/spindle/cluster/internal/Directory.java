package dev.spindle.cluster.internal;

import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The cluster's map of actor keys to where each lives ({@link Actors.Entry}), kept by Ignite. An
 * entry is stored as a string, {@code live|node|member} or {@code stopped|node|member}: Ignite's
 * marshaller cannot rebuild records, and a string compares by value in {@code replace}.
 */
final class Directory {

    private final IgniteCache<String, String> entries;

    Directory(String cluster) {
        entries = ClusterMember.local(cluster).ignite().getOrCreateCache(
                new CacheConfiguration<String, String>("spindle-" + Actors.DIRECTORY).setBackups(1)
                    .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
    }

    /** Records where the actor lives unless a live one has the key; the live one, or null. */
    Actors.Entry claim(String key, Actors.Entry entry) {
        while (true) {
            String before = entries.get(key);
            if (before == null) {
                if (entries.putIfAbsent(key, text(entry))) {
                    return null;
                }
            } else if (entry(before).stopped()) {
                if (entries.replace(key, before, text(entry))) {
                    return null;
                }
            } else {
                return entry(before);
            }
        }
    }

    void release(String key) {
        entries.remove(key);
    }

    void markStopped(String key) {
        Actors.Entry entry = find(key);
        if (entry != null) {
            entries.put(key, text(new Actors.Entry(entry.nodeId(), entry.member(), true)));
        }
    }

    /** Where the actor lives, or null if there never was one of this key. */
    Actors.Entry find(String key) {
        String text = entries.get(key);
        return text == null ? null : entry(text);
    }

    private static String text(Actors.Entry entry) {
        return (entry.stopped() ? "stopped" : "live") + "|" + entry.nodeId() + "|" + entry.member();
    }

    private static Actors.Entry entry(String text) {
        String[] parts = text.split("\\|", 3);
        return new Actors.Entry(parts[1], parts[2], parts[0].equals("stopped"));
    }
}
