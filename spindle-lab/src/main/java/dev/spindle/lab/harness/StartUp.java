package dev.spindle.lab.harness;

import dev.spindle.Pool;
import dev.spindle.lab.strategy.Strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a strategy costs before any work: a pool of {@value #WORKERS} opened, {@value #WORKERS}
 * tiny tasks run on it and awaited, the pool closed, timed as one interval (the median of
 * {@value #RUNS} runs after one unmeasured). Next to a workload's time it says how long a job
 * must be before a strategy pays for itself: microseconds for threads, a JVM's start for
 * {@code processes}.
 *
 * @param strategy the strategy measured
 * @param stats    the timings, or {@code null} if it failed
 * @param failure  why it failed, or {@code null}
 */
public record StartUp(Strategy strategy, Stats stats, String failure) {

    static final int WORKERS = 2;
    static final int RUNS = 5;

    static StartUp measure(Strategy strategy, Duration switchInterval) {
        List<Long> samples = new ArrayList<>();
        try {
            for (int run = 0; run <= RUNS; run++) {
                long t0 = System.nanoTime();
                try (Pool pool = strategy.open(WORKERS, switchInterval)) {
                    List<CompletableFuture<Integer>> tasks = new ArrayList<>(WORKERS);
                    for (int i = 0; i < WORKERS; i++) {
                        int value = i;
                        tasks.add(pool.submit(() -> value));
                    }
                    for (CompletableFuture<Integer> task : tasks) {
                        task.join();
                    }
                }
                if (run > 0) {
                    samples.add(System.nanoTime() - t0);
                }
            }
            return new StartUp(strategy, new Stats(samples), null);
        } catch (RuntimeException e) {
            return new StartUp(strategy, null, Harness.describe(e));
        }
    }
}
