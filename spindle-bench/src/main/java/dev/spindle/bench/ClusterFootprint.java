package dev.spindle.bench;

import dev.spindle.Pool;
import dev.spindle.cluster.Cluster;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the first embedded member of a JVM costs to start (its classes loaded and initialised; a
 * second start costs far less, see {@link ClusterStartup}), and the memory it adds to the JVM: heap in use (after collections) and the process's
 * resident set, before the member and with it, after it has run a few tasks. The resident set
 * includes the off-heap memory Ignite takes for its data regions (16 MiB for the system region and
 * 32 MiB for the default one, at first, as Spindle configures them) and its threads' stacks.
 *
 * <pre>
 * java --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
 *      --add-opens=java.base/java.util=ALL-UNNAMED -cp spindle-bench/target/benchmarks.jar dev.spindle.bench.ClusterFootprint
 * </pre>
 */
public final class ClusterFootprint {

    private ClusterFootprint() {}

    public static void main(String[] args) throws Exception {
        long[] before = used();
        long start = System.nanoTime();
        try (Cluster cluster = Cluster.embedded(); Pool pool = cluster.pool(4)) {
            System.out.printf(Locale.ROOT, "the first member of this JVM started in %.0f ms%n", (System.nanoTime() - start) / 1e6);
            for (int i = 0; i < 100; i++) {
                pool.submit(() -> 42).get();
            }
            long[] with = used();
            System.out.printf(Locale.ROOT, "an embedded member: heap +%.1f MiB, resident set +%.1f MiB, %d threads more%n",
                    (with[0] - before[0]) / 1048576.0, (with[1] - before[1]) / 1048576.0, with[2] - before[2]);
        }
    }

    /** Heap in use after collections, the resident set, and the number of live threads. */
    private static long[] used() throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return new long[] {heap, rss, Thread.activeCount()};
    }
}
