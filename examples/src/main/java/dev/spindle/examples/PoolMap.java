package dev.spindle.examples;

import dev.spindle.Pool;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Teaches "apply this function to many inputs": {@link Pool#map} counts the primes in four ranges
 * in parallel and hands back the counts in input order, and the pool creates, schedules and reuses
 * its threads. The same line runs unchanged on other pools; only the cost differs.
 *
 * <p>Seed: the multithreading course's {@code ThreadPoolExecutor.map(count_primes, ranges)}.
 */
public final class PoolMap {

    static final Example EXAMPLE = new Example("pool-map",
            "pool.map over four prime ranges: counts in input order, total checked against a sieve",
            () -> run(System.out));

    /**
     * @param counts the prime count of each seed range, in range order
     * @param totals the total on each pool, by pool name
     * @param sieve  the total by a sieve, to check the others against
     */
    public record Counted(List<Long> counts, Map<String, Long> totals, long sieve) {}

    private PoolMap() {}

    public static Counted run(PrintStream out) {
        long sieve = Primes.countBelow(Primes.SEED_RANGES.getLast().end());
        Map<String, Long> totals = new LinkedHashMap<>();
        List<Long> counts;
        try (Pool pool = Pool.threads(4)) {
            counts = pool.map(Primes::count, Primes.SEED_RANGES).toList();
            for (int i = 0; i < counts.size(); i++) {
                out.println("  " + Primes.SEED_RANGES.get(i) + ": " + counts.get(i) + " primes");
            }
            long total = counts.stream().mapToLong(Long::longValue).sum();
            totals.put(pool.name(), total);
            out.println(pool.name() + ": total primes " + total
                    + (total == sieve ? " (a sieve agrees)" : ", BUT a sieve counts " + sieve));
        }
        for (Supplier<Pool> kind : List.<Supplier<Pool>>of(Pool::sequential, () -> Pool.forkJoin(2), Pool::virtualThreads)) {
            try (Pool pool = kind.get()) {
                long total = pool.map(Primes::count, Primes.SEED_RANGES).mapToLong(Long::longValue).sum();
                totals.put(pool.name(), total);
                out.println("the same map on " + pool.name() + ": " + total);
            }
        }
        return new Counted(counts, totals, sieve);
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
