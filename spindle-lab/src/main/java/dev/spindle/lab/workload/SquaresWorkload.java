package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sum of squares and count in range (the seeds' {@code RangeCounter} and
 * {@code pool.map(square, numbers)}): every task sums {@code i²} over its range and counts the
 * numbers it visited.
 *
 * <p>Exact: each task keeps a 128-bit sum (two longs with a carry), so nothing overflows, and the
 * total must equal the closed form {@code n(n−1)(2n−1)/6} for {@code [0, n)}, while the count must
 * equal {@code n}, which proves the ranges covered the input once, with no gap and no overlap.
 *
 * @param n      sum over {@code [0, n)}
 * @param ranges how many ranges (tasks)
 */
public record SquaresWorkload(long n, int ranges) implements Workload<SquaresWorkload.Result> {

    /** The largest {@code n} whose squares still fit a long. */
    private static final long MAX_N = 3_037_000_499L;

    /**
     * @param sum   the sum of squares
     * @param count how many numbers were visited
     */
    public record Result(BigInteger sum, long count) {}

    /** One task's part: a 128-bit sum as {@code high·2⁶⁴ + unsigned low}, and a count. */
    record Part(long high, long low, long count) implements java.io.Serializable {
        BigInteger sum() {
            return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
        }
    }

    public SquaresWorkload {
        if (n < 1 || n > MAX_N || ranges < 1 || ranges > n) {
            throw new IllegalArgumentException("squares needs 1 <= n <= " + MAX_N + " and 1 <= ranges <= n, was n=" + n + ", ranges=" + ranges);
        }
    }

    @Override
    public String name() {
        return "squares";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("n", n, 1, 3_000_000_000L, "sum the squares of 0 .. n-1"),
                Parameter.count("ranges", ranges, 1, Integer.MAX_VALUE, "ranges (tasks)"));
    }

    @Override
    public SquaresWorkload with(Parameters p) {
        return new SquaresWorkload(p.count("n"), p.intCount("ranges"));
    }

    @Override
    public boolean runsOnCopies() {
        return true;
    }

    @Override
    public String summary() {
        return String.format("sum of squares and count over [0, %,d) in %d ranges; exact, checked against n(n-1)(2n-1)/6 and n", n, ranges);
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    @Override
    public Result execute(Pool pool) {
        List<Part> parts = pool.map(SquaresWorkload::sumSquares, Range.split(0, n, ranges), InFlight.all(ranges)).toList();
        BigInteger sum = BigInteger.ZERO;
        long count = 0;
        for (Part part : parts) {
            sum = sum.add(part.sum());
            count += part.count();
        }
        return new Result(sum, count);
    }

    /**
     * The hot loop of one task: a 128-bit running sum, and a checkpoint after every block of 4096
     * numbers, outside the inner loop so that loop stays free of calls.
     */
    static Part sumSquares(Range range) {
        long high = 0;
        long low = 0;
        long count = 0;
        for (long block = range.lo(); block < range.hi(); block += 4096) {
            long end = Math.min(range.hi(), block + 4096);
            for (long i = block; i < end; i++) {
                long square = i * i;
                long next = low + square;
                if (Long.compareUnsigned(next, low) < 0) {
                    high++;
                }
                low = next;
                count++;
            }
            Gil.checkpoint();
        }
        return new Part(high, low, count);
    }

    /** {@code 0² + 1² + … + (n−1)²}. */
    public static BigInteger closedForm(long n) {
        BigInteger big = BigInteger.valueOf(n);
        return big.multiply(big.subtract(BigInteger.ONE)).multiply(big.shiftLeft(1).subtract(BigInteger.ONE)).divide(BigInteger.valueOf(6));
    }

    @Override
    public Verdict verify(Result result) {
        BigInteger expected = closedForm(n);
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("n", n);
        findings.put("sum", result.sum().toString());
        findings.put("expectedSum", expected.toString());
        findings.put("count", result.count());
        if (result.count() != n) {
            return Verdict.fail(String.format("visited %,d numbers, expected %,d (ranges overlap or leave gaps)", result.count(), n), findings);
        }
        if (!result.sum().equals(expected)) {
            return Verdict.fail("sum " + result.sum() + " != closed form " + expected, findings);
        }
        return Verdict.pass(String.format("sum = %.4e = n(n-1)(2n-1)/6, count = n", expected.doubleValue()), findings);
    }
}
