package dev.spindle.lab.workload;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lab's workloads at their default sizes: the one place those sizes live.
 *
 * <p>Sized for a two-core machine: each CPU-bound run takes a few hundred milliseconds
 * sequentially, long enough that dispatching its tasks costs next to nothing, and is cut into
 * many more tasks than workers, so that uneven tasks still balance; the whole default suite stays
 * within three minutes.
 */
public final class Workloads {

    private Workloads() {}

    /**
     * Workloads that run only when named ({@code --workloads pipeline}): the default suite must
     * stay within three minutes on two cores, and these add more time than they teach there.
     */
    private static final Set<String> BY_NAME_ONLY = Set.of("pipeline", "shared-random", "static-random", "legacy-format", "sweep", "schedule", "elementwise", "norm", "groupby", "groupby-lines", "cached");

    /** Every workload of the default suite, in report order. */
    public static List<Workload<?>> defaultSuite() {
        return all().stream().filter(Workloads::inDefaultSuite).toList();
    }

    /** Whether the default suite runs {@code workload}. */
    public static boolean inDefaultSuite(Workload<?> workload) {
        return !BY_NAME_ONLY.contains(workload.name());
    }

    /** Every workload, in report order. */
    public static List<Workload<?>> all() {
        return List.of(
                new PiWorkload(30_000_000, 64),
                new PrimesWorkload(1_000_000, 96),
                new SquaresWorkload(300_000_000, 64),
                new FibonacciWorkload(8_000, 400, 32),
                new RecursiveFibonacciWorkload(36, 27),
                new MandelbrotWorkload(640, 480, 500, 8),
                new CounterRaceWorkload(1_000_000, false),
                new DeadlockWorkload(Duration.ofSeconds(5)),
                new FetchWorkload(16, Duration.ofMillis(5), 1_000, Duration.ofSeconds(30)),
                new SleepFanoutWorkload(10_000, Duration.ofMillis(100)),
                new PipelineWorkload(48, Duration.ofMillis(10), 1_000, 8, 25_000),
                new SharedRandomWorkload(4_000_000, 32),
                new StaticRandomWorkload(4_000_000, 32, false),
                new LegacyFormatWorkload(2_000_000, 32),
                new SweepWorkload(20_000, 4, 4, 3),
                new ScheduleWorkload(2_000_000, 96),
                new MemoryBoundWorkload(MemoryBoundWorkload.Computation.ELEMENTWISE, 4_000_000, 32, false),
                new MemoryBoundWorkload(MemoryBoundWorkload.Computation.NORM, 32_000_000, 32, false),
                new GroupByWorkload(300_000_000, 64, false, false),
                new GroupByWorkload(300_000_000, 64, false, true),
                new CachedWorkload(2_000_000, 48));
    }

    /**
     * Every workload, with the values of {@code --param} options set: keys such as
     * {@code fetch.requests}, values as the command line writes them.
     *
     * @throws IllegalArgumentException naming the key or the value, if a workload or parameter is
     *         unknown or a value is not valid
     */
    public static List<Workload<?>> withParameters(Map<String, String> values) {
        Map<String, Parameters> set = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey().strip();
            int dot = key.indexOf('.');
            if (dot < 1 || dot == key.length() - 1) {
                throw new IllegalArgumentException("--param needs WORKLOAD.NAME=VALUE, such as fetch.requests=10000, was '"
                        + entry.getKey() + "=" + entry.getValue() + "'");
            }
            Workload<?> workload = named(key.substring(0, dot)).orElseThrow(() -> new IllegalArgumentException(
                    "unknown workload '" + key.substring(0, dot) + "' in --param " + key + "; valid: " + String.join(", ", names())));
            Parameters current = set.getOrDefault(workload.name(), workload.parameters());
            set.put(workload.name(), current.set(key.substring(dot + 1), entry.getValue()));
        }
        return all().stream().<Workload<?>>map(w -> set.containsKey(w.name()) ? w.with(set.get(w.name())) : w).toList();
    }

    /** The workload with this name, if there is one. */
    public static Optional<Workload<?>> named(String name) {
        return all().stream().filter(w -> w.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** Every workload's name, in order. */
    public static List<String> names() {
        return all().stream().map(Workload::name).toList();
    }
}
