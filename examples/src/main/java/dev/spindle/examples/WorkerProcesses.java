package dev.spindle.examples;

import dev.spindle.Pool;
import dev.spindle.process.Channel;
import dev.spindle.process.shm.SharedDoubleArray;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Teaches what {@code multiprocessing} is for, on the JVM: the same {@code map} line as on
 * threads, now on worker JVMs; then a large array shared with the workers instead of copied to
 * them, each filling its own quarter, with progress sent back over a channel.
 *
 * <p>Seeds: {@code ProcessPoolExecutor.map(count_primes, ranges)}, and
 * {@code multiprocessing.shared_memory} with a {@code Queue} for progress.
 */
public final class WorkerProcesses {

    static final Example EXAMPLE = new Example("worker-processes",
            "the same map on worker JVMs, then a shared array filled by the workers with progress over a channel",
            () -> run(System.out));

    static final int ELEMENTS = 1 << 20;
    static final int PARTS = 4;

    /**
     * @param counts    the prime count of each seed range, from the workers
     * @param sieve     the total by a sieve, to check them against
     * @param workers   the pids the tasks ran in
     * @param self      this JVM's pid
     * @param progress  the messages the workers sent, in arrival order
     * @param sum       the sum of sin² + cos² over the shared array: one per element
     */
    public record Findings(List<Long> counts, long sieve, Set<Long> workers, long self, List<String> progress, double sum) {}

    private WorkerProcesses() {}

    public static Findings run(PrintStream out) throws Exception {
        long sieve = Primes.countBelow(Primes.SEED_RANGES.getLast().end());
        Set<Long> workers = new TreeSet<>();
        List<String> progress = new ArrayList<>();
        try (Pool pool = Pool.processes(2)) {
            List<Long> counts = pool.map(Primes::count, Primes.SEED_RANGES).toList();
            long total = counts.stream().mapToLong(Long::longValue).sum();
            out.println(pool.name() + ": " + counts + ", total " + total + (total == sieve ? " (a sieve agrees)" : ", BUT a sieve counts " + sieve));

            String name = "example-trig-" + ProcessHandle.current().pid();
            Channel<String> done = Channel.create("progress", PARTS);
            try (SharedDoubleArray values = SharedDoubleArray.create(name, ELEMENTS)) {
                List<CompletableFuture<Long>> parts = new ArrayList<>();
                for (int part = 0; part < PARTS; part++) {
                    int first = part * (ELEMENTS / PARTS);
                    int which = part;
                    parts.add(pool.submit(() -> {          // the task captures the array's name, not its 8 MB
                        for (int i = first; i < first + ELEMENTS / PARTS; i++) {
                            double sin = Math.sin(i);
                            double cos = Math.cos(i);
                            values.set(i, sin * sin + cos * cos);
                        }
                        long pid = ProcessHandle.current().pid();
                        done.send("part " + which + " filled by pid " + pid);
                        return pid;
                    }));
                }
                for (int part = 0; part < PARTS; part++) {
                    String message = done.receive();
                    progress.add(message);
                    out.println("  " + message);
                }
                for (CompletableFuture<Long> part : parts) {
                    workers.add(part.join());
                }
                double sum = 0;
                for (int i = 0; i < ELEMENTS; i++) {
                    sum += values.get(i);
                }
                values.unlink();
                out.printf("sum of sin² + cos² over %,d shared elements: %.3f (expected %,d), from worker pids %s, not ours (%d)%n",
                        ELEMENTS, sum, ELEMENTS, workers, ProcessHandle.current().pid());
                return new Findings(counts, sieve, workers, ProcessHandle.current().pid(), progress, sum);
            } finally {
                done.close();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
