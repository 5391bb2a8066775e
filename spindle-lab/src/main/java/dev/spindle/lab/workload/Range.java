package dev.spindle.lab.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A half-open range of numbers {@code [lo, hi)}: the input of one task.
 *
 * @param lo the first number
 * @param hi one past the last number
 */
public record Range(long lo, long hi) implements java.io.Serializable {

    public Range {
        if (hi < lo) {
            throw new IllegalArgumentException("range must have lo <= hi, was [" + lo + ", " + hi + ")");
        }
    }

    public long size() {
        return hi - lo;
    }

    /** {@code [lo, hi)} cut into {@code parts} ranges of nearly equal size that cover it exactly. */
    public static List<Range> split(long lo, long hi, int parts) {
        requireParts(parts);
        List<Range> ranges = new ArrayList<>(parts);
        long size = hi - lo;
        for (int i = 0; i < parts; i++) {
            ranges.add(new Range(lo + size * i / parts, lo + size * (i + 1) / parts));
        }
        return ranges;
    }

    /**
     * {@code [lo, hi)} cut into {@code parts} ranges whose sizes vary between about half and one
     * and a half times the average, at cut points drawn from {@code seed}: uneven, but the same
     * cut every time. They cover {@code [lo, hi)} exactly.
     */
    public static List<Range> uneven(long lo, long hi, int parts, long seed) {
        requireParts(parts);
        SplittableRandom random = new SplittableRandom(seed);
        double[] weights = new double[parts];
        double total = 0;
        for (int i = 0; i < parts; i++) {
            weights[i] = 0.5 + random.nextDouble();
            total += weights[i];
        }
        List<Range> ranges = new ArrayList<>(parts);
        long size = hi - lo;
        double cumulative = 0;
        long start = lo;
        for (int i = 0; i < parts; i++) {
            cumulative += weights[i];
            long end = i == parts - 1 ? hi : lo + Math.round(size * (cumulative / total));
            ranges.add(new Range(start, Math.max(start, end)));
            start = Math.max(start, end);
        }
        return ranges;
    }

    private static void requireParts(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, was " + parts);
        }
    }
}
