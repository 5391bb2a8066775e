package dev.spindle.lab.workload;

import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference for the primes workload: a sieve of Eratosthenes, an algorithm unlike the trial
 * division under test. Cached per limit, since every run of a workload checks against the same.
 */
final class Sieve {

    private static final ConcurrentHashMap<Integer, int[]> CACHE = new ConcurrentHashMap<>();

    private Sieve() {}

    /** {@code a[n]} is the number of primes below {@code n}, for {@code 0 <= n <= limit}. */
    static int[] primesBelow(int limit) {
        return CACHE.computeIfAbsent(limit, Sieve::compute);
    }

    private static int[] compute(int limit) {
        BitSet composite = new BitSet(limit + 1);
        for (int p = 2; (long) p * p < limit; p++) {
            if (!composite.get(p)) {
                for (int m = p * p; m < limit; m += p) {
                    composite.set(m);
                }
            }
        }
        int[] below = new int[limit + 1];
        for (int n = 1; n <= limit; n++) {
            int previous = n - 1;
            below[n] = below[previous] + (previous >= 2 && !composite.get(previous) ? 1 : 0);
        }
        return below;
    }
}
