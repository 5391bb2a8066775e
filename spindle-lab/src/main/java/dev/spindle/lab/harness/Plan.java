package dev.spindle.lab.harness;

import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.workload.Workload;
import dev.spindle.lab.workload.Workloads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one lab session runs: which workloads, on which strategies, with which worker counts,
 * how many warm-up and measured runs, and the GIL's switch interval. Immutable; every value is
 * checked here, with the offending value in the message.
 *
 * @param workloads      the workloads, in report order
 * @param strategies     the strategies, in report order ({@code sequential} always runs first as
 *                       the baseline of speed-ups, whether listed or not)
 * @param workers        the worker counts to sweep
 * @param warmups        unmeasured runs before the measured ones, per configuration
 * @param repeats        measured runs per configuration
 * @param switchInterval the {@code gil} strategy's switch interval
 * @param only           the configurations to run, as {@link #key}s, or empty for every one; the
 *                       sequential baseline of each workload runs whatever this says
 */
public record Plan(List<Workload<?>> workloads, List<Strategy> strategies, List<Integer> workers,
                   int warmups, int repeats, Duration switchInterval, Set<String> only) {

    /** Warm-up runs by default. */
    public static final int DEFAULT_WARMUPS = 2;
    /** Measured runs by default. */
    public static final int DEFAULT_REPEATS = 5;

    /** Every configuration of the workloads, strategies and worker counts. */
    public Plan(List<Workload<?>> workloads, List<Strategy> strategies, List<Integer> workers,
                int warmups, int repeats, Duration switchInterval) {
        this(workloads, strategies, workers, warmups, repeats, switchInterval, Set.of());
    }

    /** The key of one configuration in {@link #only}: {@code pi/threads/2}. */
    public static String key(String workload, Strategy strategy, int workers) {
        return workload + "/" + strategy.cliName() + "/" + workers;
    }

    /** Whether this plan runs the configuration (the baseline always runs). */
    public boolean includes(String workload, Strategy strategy, int workers) {
        return only.isEmpty() || strategy == Strategy.SEQUENTIAL || only.contains(key(workload, strategy, workers));
    }

    public Plan {
        only = Set.copyOf(only);
        workloads = List.copyOf(workloads);
        strategies = List.copyOf(strategies);
        workers = List.copyOf(new TreeSet<>(workers));
        Objects.requireNonNull(switchInterval, "switchInterval");
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("no workload chosen; valid: " + String.join(", ", Workloads.names()));
        }
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no strategy chosen; valid: " + String.join(", ", Strategy.names()));
        }
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("no worker count chosen");
        }
        for (int w : workers) {
            if (w < 1) {
                throw new IllegalArgumentException("worker counts must be at least 1, was " + w);
            }
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("warm-ups must be 0 or more, was " + warmups);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, was " + repeats);
        }
        Gil.requireValidInterval(switchInterval);
    }

    /** The default suite on this machine: everything, with the default sweep of worker counts. */
    public static Plan defaults() {
        return new Plan(Workloads.defaultSuite(), Strategy.defaultSuite(), defaultWorkers(Runtime.getRuntime().availableProcessors()),
                DEFAULT_WARMUPS, DEFAULT_REPEATS, Gil.DEFAULT_SWITCH_INTERVAL);
    }

    /**
     * The default sweep for a machine with {@code cores} cores: 1 and the powers of two below the
     * core count, the core count, and twice the core count (1, 2, 4 on two cores; 1, 2, 4, 6, 12
     * on six).
     */
    public static List<Integer> defaultWorkers(int cores) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (int w = 1; w < cores; w *= 2) {
            counts.add(w);
        }
        counts.add(cores);
        counts.add(2 * cores);
        return new ArrayList<>(counts);
    }
}
