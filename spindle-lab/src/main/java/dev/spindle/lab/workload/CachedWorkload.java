package dev.spindle.lab.workload;

import dev.spindle.MapOptions;
import dev.spindle.Pool;
import dev.spindle.cache.CachedFunction;
import dev.spindle.cache.DiskCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * joblib's {@code Memory} in the lab: the primes below {@code limit} counted in {@code ranges}
 * ranges through a function memoised on disk ({@link DiskCache}). The first run on each pool finds
 * the cache empty and computes every range (misses); every later run reads the counts back (hits).
 * The notes give both runs' hits, misses and times, so the reader sees what a hit saves.
 *
 * <p>The cache lives in a temporary directory of this JVM's, deleted when the JVM exits; the
 * function travels to worker JVMs as itself, so their hits and misses count too (each task says
 * which it was). Verified against a sieve.
 *
 * @param limit  count the primes below this
 * @param ranges how many ranges (and cache entries)
 */
public record CachedWorkload(int limit, int ranges) implements Workload<CachedWorkload.Result> {

    /**
     * @param primes the total
     * @param hits   ranges read from the cache
     * @param misses ranges computed
     * @param nanos  the run's time
     */
    public record Result(long primes, int hits, int misses, long nanos) {}

    private static final Map<CachedWorkload, State> STATES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The cache, the memoised function, the pool it was last run on, and that pool's first run. */
    private static final class State {
        final DiskCache cache;
        final CachedFunction<Range, Long> count;
        Pool lastPool;
        Result firstRun;

        State(DiskCache cache) {
            this.cache = cache;
            this.count = cache.cache(PrimesWorkload::countPrimes);
        }
    }

    public CachedWorkload {
        if (limit < 2 || ranges < 1 || ranges > limit) {
            throw new IllegalArgumentException("cached needs limit >= 2 and 1 <= ranges <= limit, was limit=" + limit + ", ranges=" + ranges);
        }
    }

    @Override
    public String name() {
        return "cached";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("limit", limit, 2, Integer.MAX_VALUE - 1, "count the primes below this"),
                Parameter.count("ranges", ranges, 1, 1_000_000, "ranges, and cache entries"));
    }

    @Override
    public CachedWorkload with(Parameters p) {
        return new CachedWorkload(p.intCount("limit"), p.intCount("ranges"));
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "primes below %,d in %d ranges through a disk cache: the first run on a pool computes, the next read back",
                limit, ranges);
    }

    @Override
    public Kind kind() {
        return Kind.FINDINGS;
    }

    @Override
    public boolean needsPriming() {
        return false; // priming would fill the cache
    }

    private State state() {
        return STATES.computeIfAbsent(this, w -> {
            try {
                Path dir = Files.createTempDirectory("spindle-cache-");
                DiskCache cache = DiskCache.at(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    cache.clear();
                    try {
                        Files.deleteIfExists(dir);
                    } catch (IOException e) {
                        // left for the system's temporary-file cleaning
                    }
                }, "spindle-cache-cleanup"));
                return new State(cache);
            } catch (IOException e) {
                throw new UncheckedIOException("could not make the cache directory", e);
            }
        });
    }

    @Override
    public Result execute(Pool pool) {
        State state = state();
        boolean first;
        synchronized (state) {
            first = state.lastPool != pool;
            if (first) {
                state.cache.clear(); // each configuration starts cold: its first run computes
                state.lastPool = pool;
            }
        }
        CachedFunction<Range, Long> count = state.count;
        List<Range> cut = Range.split(0, limit, ranges);
        long start = System.nanoTime();
        List<CachedFunction.Lookup<Long>> lookups = pool.map(count::lookup, cut,
                MapOptions.defaults().withInFlight(cut.size()).withChunkSize(1)).toList();
        long nanos = System.nanoTime() - start;
        long primes = lookups.stream().mapToLong(CachedFunction.Lookup::value).sum();
        int hits = (int) lookups.stream().filter(l -> l.outcome() == CachedFunction.Outcome.HIT).count();
        Result result = new Result(primes, hits, lookups.size() - hits, nanos);
        if (first) {
            synchronized (state) {
                state.firstRun = result;
            }
        }
        return result;
    }

    @Override
    public Verdict verify(Result result) {
        long expected = Sieve.primesBelow(limit)[limit];
        Result first;
        State state = state();
        synchronized (state) {
            first = state.firstRun;
        }
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("primes", result.primes());
        findings.put("hits", result.hits());
        findings.put("misses", result.misses());
        findings.put("millis", result.nanos() / 1e6);
        if (first != null) {
            findings.put("firstRun.hits", first.hits());
            findings.put("firstRun.misses", first.misses());
            findings.put("firstRun.millis", first.nanos() / 1e6);
        }
        if (result.primes() != expected) {
            return Verdict.fail(String.format(Locale.ROOT, "%,d primes, the sieve says %,d", result.primes(), expected), findings);
        }
        String line = String.format(Locale.ROOT, "%,d primes (sieve agrees); this run %d hits, %d misses, %.1f ms", result.primes(),
                result.hits(), result.misses(), result.nanos() / 1e6);
        if (first != null && first != result) {
            line += String.format(Locale.ROOT, "; first run on this pool %d hits, %d misses, %.1f ms", first.hits(), first.misses(),
                    first.nanos() / 1e6);
        }
        return Verdict.pass(line, findings);
    }
}
