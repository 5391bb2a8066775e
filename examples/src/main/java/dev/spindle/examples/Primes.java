package dev.spindle.examples;

import java.util.BitSet;
import java.util.List;

/** The seeds' {@code primes} module: counting primes, the examples' CPU-bound workload. */
public final class Primes {

    /** The four ranges the seed splits {@code [1, 300000)} into; higher ones cost more. */
    public static final List<Range> SEED_RANGES = List.of(
            new Range(1, 75_000), new Range(75_000, 150_000),
            new Range(150_000, 225_000), new Range(225_000, 300_000));

    private Primes() {}

    /**
     * The number of primes in {@code range}, by trial division.
     *
     * @throws IllegalArgumentException if the range is backwards or starts below zero
     */
    public static long count(Range range) {
        if (range.start() < 0) {
            throw new IllegalArgumentException("range " + range + " starts below zero");
        }
        if (range.start() > range.end()) {
            throw new IllegalArgumentException("range " + range + " is backwards");
        }
        long primes = 0;
        for (int n = range.start(); n < range.end(); n++) {
            if (isPrime(n)) {
                primes++;
            }
        }
        return primes;
    }

    /** Whether {@code n} is prime. */
    public static boolean isPrime(int n) {
        if (n < 4) {
            return n > 1;
        }
        if (n % 2 == 0) {
            return false;
        }
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** The number of primes below {@code limit}, by the sieve of Eratosthenes: a second opinion. */
    public static long countBelow(int limit) {
        BitSet composite = new BitSet(limit);
        long primes = 0;
        for (int n = 2; n < limit; n++) {
            if (!composite.get(n)) {
                primes++;
                for (long m = (long) n * n; m < limit; m += n) {
                    composite.set((int) m);
                }
            }
        }
        return primes;
    }
}
