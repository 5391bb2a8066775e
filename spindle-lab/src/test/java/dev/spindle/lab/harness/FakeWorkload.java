package dev.spindle.lab.harness;

import dev.spindle.Pool;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.workload.Verdict;
import dev.spindle.lab.workload.Workload;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A tiny workload for harness tests: sums 0..99 through the pool. It can be told to return a
 * wrong result on its n-th run, to throw, or to refuse a strategy.
 */
record FakeWorkload(String name, Kind kind, int wrongOnRun, boolean throwing, Strategy refused, AtomicInteger runs)
        implements Workload<Integer> {

    static FakeWorkload correct() {
        return new FakeWorkload("fake", Kind.SPEEDUP, -1, false, null, new AtomicInteger());
    }

    static FakeWorkload wrongOnRun(int run) {
        return new FakeWorkload("fake-wrong", Kind.SPEEDUP, run, false, null, new AtomicInteger());
    }

    static FakeWorkload failing() {
        return new FakeWorkload("fake-throws", Kind.SPEEDUP, -1, true, null, new AtomicInteger());
    }

    static FakeWorkload refusing(Strategy strategy) {
        return new FakeWorkload("fake-refuses", Kind.FINDINGS, -1, false, strategy, new AtomicInteger());
    }

    @Override
    public String summary() {
        return "sums 0..99";
    }

    @Override
    public Optional<String> unsupported(Strategy strategy, int workers) {
        return strategy == refused ? Optional.of("refuses " + strategy.cliName()) : Optional.empty();
    }

    @Override
    public Integer execute(Pool pool) {
        int run = runs.incrementAndGet();
        if (throwing) {
            return pool.map(i -> {
                if (i == 50) {
                    throw new IllegalStateException("element fifty");
                }
                return i;
            }, IntStream.range(0, 100).boxed()).mapToInt(Integer::intValue).sum();
        }
        int sum = pool.map(i -> i, IntStream.range(0, 100).boxed()).mapToInt(Integer::intValue).sum();
        return run == wrongOnRun ? sum + 1 : sum;
    }

    @Override
    public Verdict verify(Integer result) {
        return result == 4950 ? Verdict.pass("sum = 4950", Map.of("sum", result)) : Verdict.fail("sum " + result + " != 4950", Map.of("sum", result));
    }
}
