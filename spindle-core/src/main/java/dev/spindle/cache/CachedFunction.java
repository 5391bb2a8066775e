package dev.spindle.cache;

import dev.spindle.TaskFunction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * A function memoised in a {@link DiskCache}: {@link #apply} returns the stored result for an
 * argument seen before, in this JVM or another, and otherwise computes and stores it. It is itself
 * a {@link TaskFunction}, so it can be handed to any pool, worker JVMs included (it travels as its
 * function, its identity and the directory's path).
 *
 * <h2>An entry on disk</h2>
 * <pre>
 *   &lt;function 16 hex&gt;-&lt;key 64 hex&gt;.entry
 *   +----------+------------+-----------+--------------------------+
 *   | SPNDLC01 | length (8) | CRC32 (8) | the serialised result     |
 *   +----------+------------+-----------+--------------------------+
 * </pre>
 * Written to a temporary file in the same directory, then moved into place atomically, so a reader
 * sees a whole entry or none; a crash mid-write leaves only a {@code .tmp} file, which is never
 * read. An entry whose length or checksum does not match (a disk that lied, a hand that edited
 * it) is logged as a warning, deleted and recomputed. A write that fails (the disk is full) drops
 * the entry with a warning; the result is still returned.
 *
 * <h2>When several ask at once</h2>
 * One computes, the others wait: a miss takes the key's lock (one of 64 in this JVM, then one of
 * 256 lock files in the directory, shared by every JVM), looks again, and computes only if the
 * entry is still missing. A waiter then reads the entry the first one wrote, and counts a hit.
 *
 * <p>The counts of {@link #stats()} are this JVM's, for this object (a copy in a worker JVM counts
 * apart).
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
public final class CachedFunction<T, R> implements TaskFunction<T, R> {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String ENTRY = ".entry";
    static final String LOCK = ".lock";
    private static final byte[] MAGIC = {'S', 'P', 'N', 'D', 'L', 'C', '0', '1'};
    private static final int HEADER = MAGIC.length + 16;
    private static final System.Logger LOG = System.getLogger(CachedFunction.class.getName());
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    /** Whether a call was served from the cache. */
    public enum Outcome { HIT, MISS }

    /**
     * One call's result and whether it was served from the cache.
     *
     * @param value   the result
     * @param outcome hit or miss
     */
    public record Lookup<R>(R value, Outcome outcome) implements java.io.Serializable {}

    /**
     * What this function's cache did in this JVM.
     *
     * @param hits    calls served from disk (waiting for another caller's entry included)
     * @param misses  calls that computed
     * @param corrupt entries found corrupt, deleted and recomputed
     * @param dropped entries not stored because the write failed
     * @param evicted entries deleted to keep the cache within its size
     */
    public record Stats(long hits, long misses, long corrupt, long dropped, long evicted) {}

    private final TaskFunction<T, R> fn;
    private final String identity;
    private final String dir;
    private final long maxBytes;
    private transient EntryStore store;
    private transient Counters counters;

    CachedFunction(TaskFunction<T, R> fn, String identity, String dir, long maxBytes, EntryStore store) {
        this.fn = fn;
        this.identity = identity;
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.store = store;
    }

    /** The same function and cache, writing through {@code store}: for tests of failing writes. */
    CachedFunction<T, R> writingWith(EntryStore other) {
        return new CachedFunction<>(fn, identity, dir, maxBytes, other);
    }

    /**
     * The result for {@code argument}: from the cache, or computed and stored.
     *
     * @throws IllegalArgumentException if the argument or the result cannot be serialised, naming its class
     * @throws Exception what the function throws (nothing is stored then)
     */
    @Override
    public R apply(T argument) throws Exception {
        return lookup(argument).value();
    }

    /** {@link #apply}, saying whether the result came from the cache. */
    public Lookup<R> lookup(T argument) throws Exception {
        String key = key(argument);
        Path entry = Path.of(dir, identity.substring(0, 16) + "-" + key + ENTRY);
        R found = read(entry);
        if (found != null) {
            return hit(found, entry);
        }
        ReentrantLock local = LOCKS[Math.floorMod(key.hashCode(), LOCKS.length)];
        local.lock();
        try (FileChannel lockFile = FileChannel.open(Path.of(dir, key.substring(0, 2) + LOCK),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock acrossJvms = lockFile.lock(); // released when the channel closes
            assert acrossJvms.isValid();
            found = read(entry);
            if (found != null) {
                return hit(found, entry); // another thread or JVM computed it while this one waited
            }
            R value = fn.apply(argument);
            store(entry, serialise(value, "result"));
            counters().misses.incrementAndGet();
            return new Lookup<>(value, Outcome.MISS);
        } finally {
            local.unlock();
        }
    }

    /** What this function's cache did in this JVM. */
    public Stats stats() {
        Counters c = counters();
        return new Stats(c.hits.get(), c.misses.get(), c.corrupt.get(), c.dropped.get(), c.evicted.get());
    }

    /** Deletes this function's entries (other functions' entries in the directory stay). */
    public void clear() {
        for (Entry e : entries(Path.of(dir))) {
            if (e.path().getFileName().toString().startsWith(identity.substring(0, 16) + "-")) {
                delete(e.path());
            }
        }
    }

    private Lookup<R> hit(R value, Path entry) {
        counters().hits.incrementAndGet();
        try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis())); // its last use, for eviction
        } catch (IOException e) {
            // evicted meanwhile: the result in hand is still right
        }
        return new Lookup<>(value, Outcome.HIT);
    }

    private String key(T argument) {
        MessageDigest digest = FunctionIdentity.sha256();
        digest.update(identity.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        digest.update(serialise(argument, "argument"));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] serialise(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot cache: the " + what + " is of class " + e.getMessage()
                    + ", which is not serialisable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot cache: the " + what + " could not be serialised: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** The entry's result, or null if there is none (or it was corrupt, and is now deleted). */
    private R read(Path entry) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cache entry " + entry + " could not be read, recomputing: " + e);
            return null;
        }
        ByteBuffer header = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || header.getLong(MAGIC.length) != bytes.length - HEADER || header.getLong(MAGIC.length + 8) != crc(bytes, HEADER)) {
            return corrupt(entry, "its length or checksum does not match");
        }
        try (ObjectInputStream in = new Resolving(new ByteArrayInputStream(bytes, HEADER, bytes.length - HEADER), fn.getClass().getClassLoader())) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("maxdepth=5000"));
            @SuppressWarnings("unchecked")
            R value = (R) in.readObject();
            return value;
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            return corrupt(entry, "it could not be read back: " + e);
        }
    }

    private R corrupt(Path entry, String why) {
        counters().corrupt.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "cache entry " + entry + " is corrupt (" + why + "): deleted, recomputing");
        delete(entry);
        return null;
    }

    private void store(Path entry, byte[] result) {
        byte[] bytes = new byte[HEADER + result.length];
        ByteBuffer.wrap(bytes).put(MAGIC).putLong(result.length).putLong(0).put(result);
        ByteBuffer.wrap(bytes).putLong(MAGIC.length + 8, crc(bytes, HEADER));
        Path temporary = entry.resolveSibling(entry.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            store().write(temporary, bytes);
            try {
                Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            counters().dropped.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "cache entry " + entry + " not stored (" + e + "): the result is returned uncached");
            delete(temporary);
            return;
        }
        if (maxBytes != Long.MAX_VALUE) {
            evict();
        }
    }

    /** Deletes the least recently used entries until the directory's entries fit in {@code maxBytes}. */
    private void evict() {
        List<Entry> all = new ArrayList<>(entries(Path.of(dir)));
        long total = all.stream().mapToLong(Entry::bytes).sum();
        all.sort(Comparator.comparingLong(Entry::lastUsed));
        for (Entry e : all) {
            if (total <= maxBytes) {
                break;
            }
            if (delete(e.path())) {
                counters().evicted.incrementAndGet();
            }
            total -= e.bytes();
        }
    }

    /** An entry file: its path, size and last use. */
    record Entry(Path path, long bytes, long lastUsed) {}

    static List<Entry> entries(Path dir) {
        List<Entry> entries = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(ENTRY)) {
                    try {
                        entries.add(new Entry(p, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
                    } catch (NoSuchFileException e) {
                        // evicted meanwhile
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the cache in " + dir, e);
        }
        return entries;
    }

    private static boolean delete(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    private static long crc(byte[] bytes, int from) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, bytes.length - from);
        return crc.getValue();
    }

    private EntryStore store() {
        EntryStore s = store;
        return s != null ? s : EntryStore.FILES; // a copy made by deserialisation writes to files
    }

    private Counters counters() {
        Counters c = counters;
        if (c == null) {
            synchronized (this) {
                if (counters == null) {
                    counters = new Counters();
                }
                c = counters;
            }
        }
        return c;
    }

    private static final class Counters {
        final AtomicLong hits = new AtomicLong();
        final AtomicLong misses = new AtomicLong();
        final AtomicLong corrupt = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong evicted = new AtomicLong();
    }

    /** Resolves the result's classes through the function's loader, which knows the user's classes. */
    private static final class Resolving extends ObjectInputStream {
        private final ClassLoader loader;

        Resolving(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }

    @Override
    public String toString() {
        return "CachedFunction[" + identity.substring(0, 16) + " in " + dir + "]";
    }
}
