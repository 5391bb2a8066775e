package dev.spindle.cache;

import dev.spindle.TaskFunction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * joblib's {@code Memory}: a directory that keeps a function's results on disk, so an expensive
 * call runs once per argument, across runs and across JVMs.
 *
 * <pre>{@code
 * DiskCache cache = DiskCache.at(Path.of("cache")).maxBytes(1L << 30);
 * CachedFunction<Range, Long> count = cache.cache(range -> countPrimes(range));
 * long primes = count.apply(new Range(0, 10_000_000));     // computed, stored
 * long again  = count.apply(new Range(0, 10_000_000));     // read back
 * System.out.println(count.stats());                          // hits=1, misses=1, ...
 * }</pre>
 *
 * <h2>Keys</h2>
 * An entry's key is a SHA-256 digest of the function's identity and its argument: the function's
 * serialised form and the instructions of the method that implements it
 * ({@code FunctionIdentity}), so changing its body invalidates its entries; and the argument's
 * serialised bytes, so equal arguments that serialise alike share an entry. Arguments and results
 * must be {@link java.io.Serializable}; one that is not is an {@link IllegalArgumentException}
 * naming its class.
 *
 * <h2>Entries on disk, and concurrency</h2>
 * See {@link CachedFunction}: entries are written to a temporary file and moved into place
 * atomically, carry a checksum, and a corrupt one is recomputed with a warning. When several
 * threads or JVMs ask for the same missing key at once, <b>one computes and the others wait</b>,
 * then read its entry: a lock per key, in this JVM and across JVMs (a file lock).
 *
 * <h2>Size</h2>
 * {@link #maxBytes} bounds the directory's entries: after each write, the least recently used
 * entries (by last use, which a hit records) are deleted until the total fits.
 *
 * <p>Immutable; {@link #maxBytes} returns a new cache over the same directory.
 */
public final class DiskCache {

    private final Path dir;
    private final long maxBytes;

    private DiskCache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /**
     * A cache in {@code dir}, created if missing, with no size limit.
     *
     * @throws IllegalArgumentException if the directory cannot be created or written, naming it and why
     */
    public static DiskCache at(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path absolute = dir.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
            Path probe = Files.createTempFile(absolute, ".probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("cache directory " + absolute + " cannot be created or written: " + e, e);
        }
        return new DiskCache(absolute, Long.MAX_VALUE);
    }

    /**
     * This cache with its entries kept within {@code bytes}, least recently used first out.
     *
     * @throws IllegalArgumentException if {@code bytes < 1}
     */
    public DiskCache maxBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + bytes);
        }
        return new DiskCache(dir, bytes);
    }

    /** The directory. */
    public Path directory() {
        return dir;
    }

    /**
     * {@code fn}, memoised in this cache.
     *
     * @throws NullPointerException if {@code fn} is null
     * @throws IllegalArgumentException if {@code fn} cannot be serialised, naming its class
     */
    public <T, R> CachedFunction<T, R> cache(TaskFunction<T, R> fn) {
        Objects.requireNonNull(fn, "fn");
        return new CachedFunction<>(fn, FunctionIdentity.of(fn), dir.toString(), maxBytes, EntryStore.FILES);
    }

    /** Deletes every entry, of every function, and the lock files. */
    public void clear() {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(CachedFunction.ENTRY) || name.endsWith(CachedFunction.LOCK) || name.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear the cache in " + dir, e);
        }
    }

    /** The bytes the entries take. */
    public long sizeInBytes() {
        return CachedFunction.entries(dir).stream().mapToLong(CachedFunction.Entry::bytes).sum();
    }

    @Override
    public String toString() {
        return "DiskCache[" + dir + (maxBytes == Long.MAX_VALUE ? "" : ", max " + maxBytes + " bytes") + "]";
    }
}
