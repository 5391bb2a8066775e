package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.strategy.Strategy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fibonacci by recursive splitting, the fork/join pattern: above a threshold, {@code F(n)} submits
 * {@code F(n−1)} to the pool as a subtask, computes {@code F(n−2)} itself, and joins the subtask;
 * below it, plain recursion.
 *
 * <p><b>Only on {@code sequential} and {@code forkjoin}.</b> A task that submits a subtask to its
 * own pool and waits for it holds its worker while it waits. On a pool with a fixed number of
 * workers ({@code threads}, {@code virtual} with its concurrency limit, {@code gil}) the waiting
 * parents soon hold every worker and the subtasks they wait for never start: the pool starves, a
 * deadlock. A fork/join pool compensates a worker blocked in {@code join} with a spare thread
 * (so at one worker it may run on more than one core), and the sequential pool runs the subtask
 * at submission. The harness reports the other strategies as skipped, with this reason.
 *
 * <p>Verified exactly against {@code F(n)} computed by iteration.
 *
 * @param n         the index to compute
 * @param threshold below or at this index, no more subtasks
 */
public record RecursiveFibonacciWorkload(int n, int threshold) implements Workload<Long> {

    public RecursiveFibonacciWorkload {
        if (n < 0 || n > 92 || threshold < 1) {
            throw new IllegalArgumentException("fib-recursive needs 0 <= n <= 92 (F(n) fits a long) and threshold >= 1, was n="
                    + n + ", threshold=" + threshold);
        }
    }

    @Override
    public String name() {
        return "fib-recursive";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("n", n, 1, 92, "the index to compute"),
                Parameter.count("threshold", threshold, 1, 92, "no more subtasks at or below this index"));
    }

    @Override
    public RecursiveFibonacciWorkload with(Parameters p) {
        return new RecursiveFibonacciWorkload(p.intCount("n"), p.intCount("threshold"));
    }

    @Override
    public String summary() {
        return String.format("Fibonacci F(%d) by recursive submit + join above F(%d); forkjoin and sequential only (a fixed pool would starve)",
                n, threshold);
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    @Override
    public Optional<String> unsupported(Strategy strategy, int workers) {
        return switch (strategy) {
            case SEQUENTIAL, FORKJOIN -> Optional.empty();
            default -> Optional.of("recursive submit + join would starve a pool of fixed workers (deadlock); forkjoin compensates");
        };
    }

    @Override
    public Long execute(Pool pool) {
        return split(pool, n, threshold);
    }

    static long split(Pool pool, int n, int threshold) {
        if (n <= threshold) {
            return recursive(n);
        }
        CompletableFuture<Long> left = pool.submit(() -> split(pool, n - 1, threshold));
        long right = split(pool, n - 2, threshold);
        return left.join() + right;
    }

    static long recursive(int n) {
        return n < 2 ? n : recursive(n - 1) + recursive(n - 2);
    }

    static long iterative(int n) {
        long a = 0;
        long b = 1;
        for (int i = 0; i < n; i++) {
            long next = a + b;
            a = b;
            b = next;
        }
        return a;
    }

    @Override
    public Verdict verify(Long result) {
        long expected = iterative(n);
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("n", n);
        findings.put("value", result);
        findings.put("expected", expected);
        return result == expected
                ? Verdict.pass(String.format("F(%d) = %,d", n, result), findings)
                : Verdict.fail(String.format("F(%d) = %,d, expected %,d", n, result, expected), findings);
    }
}
