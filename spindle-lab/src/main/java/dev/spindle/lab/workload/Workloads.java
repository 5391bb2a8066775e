package dev.spindle.lab.workload;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** Every workload, in report order. */
    public static List<Workload<?>> all() {
        return List.of(
                new PiWorkload(30_000_000, 64),
                new PrimesWorkload(1_200_000, 96),
                new SquaresWorkload(300_000_000, 64),
                new FibonacciWorkload(8_000, 400, 32),
                new RecursiveFibonacciWorkload(36, 27),
                new MandelbrotWorkload(800, 600, 500, 8),
                new CounterRaceWorkload(2_000_000),
                new DeadlockWorkload(Duration.ofSeconds(5)));
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
