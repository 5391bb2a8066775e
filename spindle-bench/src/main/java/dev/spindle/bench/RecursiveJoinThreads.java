package dev.spindle.bench;

import dev.spindle.Pool;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * How many threads recursive submit-and-join brings up on {@code Pool.forkJoin(2)}: the naive
 * recursive Fibonacci, every call a task that submits its two halves to the same pool and waits
 * for them. Prints the result, the peak of live threads in this JVM while it ran, and the time.
 * Not a JMH benchmark: the figure that matters is a count, not a speed.
 *
 * <pre>
 * java -cp spindle-bench/target/benchmarks.jar dev.spindle.bench.RecursiveJoinThreads 18
 * </pre>
 */
public final class RecursiveJoinThreads {

    private RecursiveJoinThreads() {}

    static long fib(Pool pool, int n) throws Exception {
        if (n < 2) {
            return n;
        }
        var left = pool.submit(() -> fib(pool, n - 1));
        var right = pool.submit(() -> fib(pool, n - 2));
        return left.get() + right.join();
    }

    public static void main(String[] args) throws Exception {
        int depth = args.length > 0 ? Integer.parseInt(args[0]) : 18;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Pool pool = Pool.forkJoin(2)) {
            int before = threads.getThreadCount();
            threads.resetPeakThreadCount();
            long start = System.nanoTime();
            long result = fib(pool, depth);
            System.out.printf("fib(%d) = %d on %s: peak live threads %d (%d before), %.0f ms%n", depth, result, pool.name(),
                    threads.getPeakThreadCount(), before, (System.nanoTime() - start) / 1e6);
        }
    }
}
