package dev.spindle.lab.harness;

import java.util.Arrays;
import java.util.List;

/**
 * The measured times of one configuration, in nanoseconds, with the figures the report shows.
 * Pure arithmetic on the samples, so it is tested on made-up timings.
 *
 * @param samples the measured runs' times, in run order
 */
public record Stats(List<Long> samples) {

    public Stats {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("stats need at least one sample");
        }
        for (long s : samples) {
            if (s < 0) {
                throw new IllegalArgumentException("a time cannot be negative, was " + s);
            }
        }
    }

    public static Stats of(long... nanos) {
        return new Stats(Arrays.stream(nanos).boxed().toList());
    }

    /** The middle sample, or the mean of the two middle ones for an even count. */
    public double median() {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    public long min() {
        return samples.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    public long max() {
        return samples.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /**
     * The median absolute deviation over the median: how far a typical run lies from the median,
     * as a share of it. Unlike the range, one odd run does not move it, as it does not move the
     * median.
     */
    public double relativeDeviation() {
        double median = median();
        return new Stats(samples.stream().map(s -> Math.round(Math.abs(s - median))).toList()).median() / median;
    }

    /** How many times faster than {@code baseline} this is, by medians. */
    public double speedupOver(Stats baseline) {
        return baseline.median() / median();
    }

    /** Speed-up per worker: 1.0 means every worker was fully used. */
    public static double efficiency(double speedup, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        return speedup / workers;
    }
}
