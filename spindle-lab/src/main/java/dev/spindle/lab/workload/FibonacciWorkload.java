package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fibonacci numbers, iteratively, with {@link BigInteger} (the seeds' {@code fibonacci(num)} with
 * {@code a, b = b, a + b}, whose integers never overflow): one task per number, for {@code tasks}
 * numbers from {@code smallest} upwards in steps of {@code step}.
 *
 * <p>Each addition allocates a new {@code BigInteger}, so this workload also measures the
 * allocator and the garbage collector, not the cores alone; expect less speed-up than on π.
 *
 * <p>Verification recomputes every number by fast doubling
 * ({@code F(2k) = F(k)(2F(k+1) − F(k))}, {@code F(2k+1) = F(k)² + F(k+1)²}), an algorithm unlike
 * the one under test, outside the timed run.
 *
 * @param smallest the first index
 * @param step     the distance between indices
 * @param tasks    how many numbers (tasks)
 */
public record FibonacciWorkload(int smallest, int step, int tasks) implements Workload<List<BigInteger>> {

    public FibonacciWorkload {
        if (smallest < 0 || step < 0 || tasks < 1) {
            throw new IllegalArgumentException("fib needs smallest >= 0, step >= 0, tasks >= 1, was smallest=" + smallest
                    + ", step=" + step + ", tasks=" + tasks);
        }
    }

    @Override
    public String name() {
        return "fib";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("smallest", smallest, 0, 1_000_000, "the first index"),
                Parameter.count("step", step, 0, 1_000_000, "the distance between indices"),
                Parameter.count("tasks", tasks, 1, 100_000, "how many numbers (tasks)"));
    }

    @Override
    public FibonacciWorkload with(Parameters p) {
        return new FibonacciWorkload(p.intCount("smallest"), p.intCount("step"), p.intCount("tasks"));
    }

    @Override
    public boolean runsOnCopies() {
        return true;
    }

    @Override
    public String summary() {
        return String.format("Fibonacci F(%,d) .. F(%,d) iteratively with BigInteger, one task each (%d); checked by fast doubling",
                smallest, index(tasks - 1), tasks);
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    int index(int task) {
        return smallest + task * step;
    }

    @Override
    public List<BigInteger> execute(Pool pool) {
        return pool.map(FibonacciWorkload::iterative, IntStream.range(0, tasks).map(this::index).boxed(), InFlight.all(tasks)).toList();
    }

    /** {@code F(n)} by {@code n} additions, with a checkpoint every 64. */
    static BigInteger iterative(int n) {
        BigInteger a = BigInteger.ZERO;
        BigInteger b = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            BigInteger next = a.add(b);
            a = b;
            b = next;
            if ((i & 63) == 0) {
                Gil.checkpoint();
            }
        }
        return a;
    }

    /** {@code F(n)} by fast doubling: the reference. */
    static BigInteger doubling(int n) {
        BigInteger a = BigInteger.ZERO; // F(k)
        BigInteger b = BigInteger.ONE;  // F(k+1)
        for (int bit = Integer.SIZE - 1 - Integer.numberOfLeadingZeros(Math.max(n, 1)); bit >= 0; bit--) {
            BigInteger c = a.multiply(b.shiftLeft(1).subtract(a)); // F(2k)
            BigInteger d = a.multiply(a).add(b.multiply(b));       // F(2k+1)
            if (((n >>> bit) & 1) == 0) {
                a = c;
                b = d;
            } else {
                a = d;
                b = c.add(d);
            }
        }
        return a;
    }

    @Override
    public Verdict verify(List<BigInteger> result) {
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("numbers", result.size());
        if (result.size() != tasks) {
            return Verdict.fail(result.size() + " numbers, expected " + tasks, findings);
        }
        for (int i = 0; i < tasks; i++) {
            BigInteger expected = doubling(index(i));
            if (!expected.equals(result.get(i))) {
                return Verdict.fail(String.format("F(%,d) is wrong: %d bits, expected %d bits (or equal length, other digits)",
                        index(i), result.get(i).bitLength(), expected.bitLength()), findings);
            }
        }
        BigInteger largest = result.getLast();
        int digits = largest.toString().length();
        findings.put("largestIndex", index(tasks - 1));
        findings.put("largestDigits", digits);
        return Verdict.pass(String.format("all %d equal fast doubling; F(%,d) has %,d digits", tasks, index(tasks - 1), digits), findings);
    }
}
