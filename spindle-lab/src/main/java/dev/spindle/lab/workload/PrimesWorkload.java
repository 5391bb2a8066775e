package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counting primes in ranges (the seeds' {@code count_primes(start, end)} over a thread pool), by
 * trial division, as pure-Python code does it.
 *
 * <p>The load is uneven twice over: the ranges have different widths, and a number costs about
 * √n divisions when it is prime, so late ranges cost more than early ones of the same width.
 * Many more ranges than workers, handed out by {@code map}, keep every worker busy to the end.
 *
 * <p>Verification is exact and independent of the code under test: a sieve of Eratosthenes
 * (computed once per workload, outside the timed run) gives the count of every range.
 *
 * @param limit  count the primes below this
 * @param ranges how many ranges (tasks) to cut {@code [0, limit)} into
 */
public record PrimesWorkload(int limit, int ranges) implements Workload<PrimesWorkload.Result> {

    private static final long CUT_SEED = 0xC0FFEEL;

    /**
     * @param ranges the ranges counted, in order
     * @param counts the primes found in each
     */
    public record Result(List<Range> ranges, long[] counts) {}

    public PrimesWorkload {
        if (limit < 2 || ranges < 1 || ranges > limit) {
            throw new IllegalArgumentException("primes needs limit >= 2 and 1 <= ranges <= limit, was limit=" + limit + ", ranges=" + ranges);
        }
    }

    @Override
    public String name() {
        return "primes";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("limit", limit, 2, Integer.MAX_VALUE - 1, "count the primes below this bound"),
                Parameter.count("ranges", ranges, 1, Integer.MAX_VALUE, "ranges (tasks) the numbers are cut into"));
    }

    @Override
    public PrimesWorkload with(Parameters p) {
        return new PrimesWorkload(p.intCount("limit"), p.intCount("ranges"));
    }

    @Override
    public boolean runsOnCopies() {
        return true;
    }

    @Override
    public String summary() {
        return String.format("count primes below %,d by trial division in %d uneven ranges; exact, checked against a sieve", limit, ranges);
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    /** The ranges every run uses. */
    public List<Range> cut() {
        return Range.uneven(0, limit, ranges, CUT_SEED);
    }

    @Override
    public Result execute(Pool pool) {
        List<Range> cut = cut();
        long[] counts = pool.map(PrimesWorkload::countPrimes, cut, InFlight.all(cut.size())).mapToLong(Long::longValue).toArray();
        return new Result(cut, counts);
    }

    /** The primes in {@code [lo, hi)}, by trial division, with a checkpoint after every 256 numbers. */
    static long countPrimes(Range range) {
        long count = 0;
        for (long block = range.lo(); block < range.hi(); block += 256) {
            long end = Math.min(range.hi(), block + 256);
            for (long n = block; n < end; n++) {
                if (isPrime((int) n)) {
                    count++;
                }
            }
            Gil.checkpoint();
        }
        return count;
    }

    static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if ((n & 1) == 0) {
            return n == 2;
        }
        for (int d = 3; d <= n / d; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Verdict verify(Result result) {
        int[] primesBelow = Sieve.primesBelow(limit);
        Map<String, Object> findings = new LinkedHashMap<>();
        long total = 0;
        for (long c : result.counts()) {
            total += c;
        }
        long expected = primesBelow[limit];
        findings.put("limit", limit);
        findings.put("ranges", result.ranges().size());
        findings.put("primes", total);
        findings.put("expected", expected);
        if (result.counts().length != result.ranges().size()) {
            return Verdict.fail(result.counts().length + " counts for " + result.ranges().size() + " ranges", findings);
        }
        for (int i = 0; i < result.counts().length; i++) {
            Range r = result.ranges().get(i);
            long want = primesBelow[(int) r.hi()] - primesBelow[(int) r.lo()];
            if (result.counts()[i] != want) {
                return Verdict.fail(String.format("range %d [%,d, %,d): counted %,d primes, the sieve says %,d",
                        i, r.lo(), r.hi(), result.counts()[i], want), findings);
            }
        }
        if (total != expected) {
            return Verdict.fail(String.format("%,d primes below %,d, the sieve says %,d", total, limit, expected), findings);
        }
        return Verdict.pass(String.format("%,d primes below %,d, as the sieve", total, limit), findings);
    }
}
