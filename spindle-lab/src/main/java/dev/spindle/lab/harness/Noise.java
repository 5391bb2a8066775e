package dev.spindle.lab.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How disturbed a configuration's measurement was. The lab runs on shared machines, and a run
 * slowed by somebody else's work looks like a slow strategy; this says when a figure is doubtful.
 *
 * <h2>What is measured</h2>
 * <ul>
 *   <li>{@code loadBefore}, {@code loadAfter}: the system's one-minute load average when the
 *       configuration starts and ends, as {@code uptime} shows it. It counts the lab's own
 *       threads too, so it is context, not the verdict.</li>
 *   <li>{@code othersCpu}: the share of the whole machine's CPU time that other processes used
 *       while the configuration ran: the machine's busy time (from {@code /proc/stat}) minus the
 *       CPU time of this JVM and of its child processes (the worker JVMs of {@code processes}),
 *       over the elapsed time times the cores. NaN where {@code /proc/stat} does not exist.</li>
 *   <li>{@code spread}: (max − min) ÷ median of the measured runs, for the reader;</li>
 *   <li>{@code deviation}: the median absolute deviation ÷ the median ({@link Stats#relativeDeviation()}):
 *       how far a typical run lies from the median. One odd run moves the spread but not the
 *       median, and not this.</li>
 * </ul>
 * A configuration is <b>flagged</b> when other processes took more than {@value #BUSY} of the
 * machine, or, for a workload whose time is the result (a speed-up workload), its runs deviate
 * more than {@value #DEVIATION} from their median. A findings workload's times (a race, a
 * deadlock) vary by nature and are not judged.
 *
 * @param loadBefore one-minute load average at the start (negative if the system has none)
 * @param loadAfter  the same at the end
 * @param othersCpu  share of the machine's CPU used by other processes, 0 to 1, or NaN
 * @param spread     (max − min) ÷ median of the measured runs, or NaN without runs
 * @param deviation  median absolute deviation ÷ median, or NaN where the times are not judged
 * @param flagged    whether the figures are doubtful
 * @param reason     why, or empty
 */
public record Noise(double loadBefore, double loadAfter, double othersCpu, double spread, double deviation, boolean flagged,
                    String reason) {

    /** Other processes' share of the CPU above which a configuration is flagged. */
    public static final double BUSY = 0.25;
    /** The runs' typical deviation from their median above which a configuration is flagged. */
    public static final double DEVIATION = 0.10;

    /** The judgement, from the figures alone; tested on made-up figures. */
    public static Noise judge(double loadBefore, double loadAfter, double othersCpu, double spread, double deviation) {
        StringBuilder reason = new StringBuilder();
        if (othersCpu > BUSY) {
            reason.append(String.format(Locale.ROOT, "other processes used %.0f%% of the machine's CPU", othersCpu * 100));
        }
        if (deviation > DEVIATION) {
            reason.append(reason.isEmpty() ? "" : "; ")
                    .append(String.format(Locale.ROOT, "its runs lie %.0f%% from their median, typically", deviation * 100));
        }
        return new Noise(loadBefore, loadAfter, othersCpu, spread, deviation, !reason.isEmpty(), reason.toString());
    }

    /** Starts watching a configuration. */
    static Probe probe() {
        return new Probe();
    }

    /** The state at a configuration's start. */
    static final class Probe {
        private final double loadBefore = loadAverage();
        private final long[] machineBefore = machineTicks();
        private final long ourBefore = ourCpuNanos();
        private final long startNanos = System.nanoTime();

        /**
         * The noise of the configuration that started with this probe and just ended.
         *
         * @param timesMatter whether the runs' times are the result, and so judged
         */
        Noise finish(Stats stats, boolean timesMatter) {
            long[] machineAfter = machineTicks();
            double othersCpu = Double.NaN;
            if (machineBefore != null && machineAfter != null) {
                long total = machineAfter[1] - machineBefore[1];
                long busy = machineAfter[0] - machineBefore[0];
                if (total > 0) {
                    double machineBusyShare = (double) busy / total;
                    double elapsed = System.nanoTime() - startNanos;
                    double ourShare = (ourCpuNanos() - ourBefore) / (elapsed * Runtime.getRuntime().availableProcessors());
                    othersCpu = Math.max(0, Math.min(1, machineBusyShare - ourShare));
                }
            }
            double spread = stats == null ? Double.NaN : (stats.max() - stats.min()) / stats.median();
            double deviation = stats == null || !timesMatter ? Double.NaN : stats.relativeDeviation();
            return judge(loadBefore, loadAverage(), othersCpu, spread, deviation);
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Busy and total jiffies of all CPUs, from the first line of /proc/stat; null where it does not exist. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i == 4 || i == 5) { // idle and iowait
                    idle += value;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU time of this JVM and its descendants (worker JVMs), as far as the system reports it. */
    private static long ourCpuNanos() {
        ProcessHandle self = ProcessHandle.current();
        return Stream.concat(Stream.of(self), self.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }
}
