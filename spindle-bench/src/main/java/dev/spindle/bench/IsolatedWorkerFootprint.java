package dev.spindle.bench;

import dev.spindle.Pool;
import dev.spindle.isolate.IsolatedPool;
import dev.spindle.lab.workload.PiWorkload;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory an isolated worker adds: heap and metaspace in use (after a collection) with a pool
 * of N isolated workers, each of which has run the lab's Monte Carlo π (so its loader holds its
 * own copy of the lab's workload classes), against the same JVM before the pool.
 *
 * <pre>
 * java -cp spindle-bench/target/benchmarks.jar dev.spindle.bench.IsolatedWorkerFootprint 8
 * </pre>
 */
public final class IsolatedWorkerFootprint {

    private static final String ARRIVED = "spindle.bench.footprint.arrived";

    private IsolatedWorkerFootprint() {}

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long[] before = used();
        try (Pool pool = IsolatedPool.create(workers)) {
            AtomicInteger arrived = new AtomicInteger();
            System.getProperties().put(ARRIVED, arrived); // a JDK-wide meeting point: every worker takes one task
            List<CompletableFuture<Double>> runs = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                runs.add(pool.submit(() -> {
                    AtomicInteger here = (AtomicInteger) System.getProperties().get(ARRIVED);
                    here.incrementAndGet();
                    while (here.get() < workers) {
                        Thread.onSpinWait();
                    }
                    PiWorkload.Result pi = new PiWorkload(200_000, 4).execute(Pool.sequential());
                    return 4.0 * pi.hits() / pi.trials();
                }));
            }
            for (CompletableFuture<Double> run : runs) {
                run.get();
            }
            long[] with = used();
            System.out.printf(Locale.ROOT, "%d isolated workers, each having run pi: heap +%.2f MiB, metaspace +%.2f MiB:"
                            + " %.2f MiB of heap and %.2f MiB of metaspace per worker%n", workers,
                    (with[0] - before[0]) / 1048576.0, (with[1] - before[1]) / 1048576.0,
                    (with[0] - before[0]) / 1048576.0 / workers, (with[1] - before[1]) / 1048576.0 / workers);
        } finally {
            System.getProperties().remove(ARRIVED);
        }
    }

    /** Heap and non-heap (metaspace, class space) in use, after collections. */
    private static long[] used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long meta = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.NON_HEAP && (p.getName().contains("Metaspace") || p.getName().contains("Class Space"))) {
                meta += p.getUsage().getUsed();
            }
        }
        return new long[] {heap, meta};
    }
}
