package dev.spindle.bench;

import dev.spindle.Pool;
import dev.spindle.WorkerLostException;
import dev.spindle.process.ProcessPool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a pool of worker JVMs costs to bring up and to heal, in wall-clock time from a running JVM:
 * <ol>
 *   <li><b>start-up</b>: a pool of 2 created, 2 tiny tasks run (one per worker, both workers
 *       started), the pool closed; with and without the class-data-sharing archive the workers
 *       keep ({@code ProcessPool.Builder#startupCache}), the archive written beforehand;</li>
 *   <li><b>replacement from standby</b>: with {@code standby(1)}, a task halts its worker; the
 *       time from the failed future to the next tiny task's result, which a standby worker runs.</li>
 * </ol>
 * Each figure is the median of {@code runs} runs after two unmeasured ones. Not JMH: each run
 * starts processes, and the figure is one wall-clock interval, not a rate.
 *
 * <pre>
 * java -cp spindle-bench/target/benchmarks.jar dev.spindle.bench.ProcessPoolStartup 15
 * java -cp spindle-bench/target/benchmarks.jar dev.spindle.bench.ProcessPoolStartup 9 -XX:+UseSerialGC
 * </pre>
 * With JVM options after the run count, it times only the start-up without an archive, plain and
 * with those options for the workers, one after the other.
 * (The class path must be jars only for the archive to be used: the benchmarks jar is one.)
 */
public final class ProcessPoolStartup {

    private ProcessPoolStartup() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        if (args.length > 1) { // JVM options for the workers: only the start-up, without an archive, with and without them
            String[] options = java.util.Arrays.copyOfRange(args, 1, args.length);
            System.out.printf("start-up, no archive, no options:  %s%n",
                    median(runs, () -> startUp(ProcessPool.builder().workers(2).noStartupCache())));
            System.out.printf("start-up, no archive, %s:  %s%n", String.join(" ", options),
                    median(runs, () -> startUp(ProcessPool.builder().workers(2).noStartupCache().jvmOptions(options))));
            return;
        }
        Path cache = Files.createTempDirectory("spindle-bench-cds");
        try {
            System.out.printf("start-up, pool of 2 + 2 tiny tasks + close, no archive:  %s%n",
                    median(runs, () -> startUp(ProcessPool.builder().workers(2).noStartupCache())));
            startUp(ProcessPool.builder().workers(2).startupCache(cache)); // writes the archive as it closes
            System.out.printf("start-up, pool of 2 + 2 tiny tasks + close, with archive: %s%n",
                    median(runs, () -> startUp(ProcessPool.builder().workers(2).startupCache(cache))));
            try (Pool pool = ProcessPool.builder().workers(1).standby(1).startAll().startupCache(cache).build()) {
                System.out.printf("a crashed worker replaced from standby, to the next result:  %s%n",
                        median(runs, () -> replace(pool)));
            }
        } finally {
            try (var files = Files.list(cache)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(cache);
        }
    }

    @FunctionalInterface
    private interface Measured {
        long nanos() throws Exception;
    }

    private static String median(int runs, Measured measured) throws Exception {
        measured.nanos();
        measured.nanos();
        long[] samples = new long[runs];
        for (int i = 0; i < runs; i++) {
            samples[i] = measured.nanos();
        }
        Arrays.sort(samples);
        return String.format("median %.1f ms (min %.1f, max %.1f, %d runs)", samples[runs / 2] / 1e6, samples[0] / 1e6,
                samples[runs - 1] / 1e6, runs);
    }

    private static long startUp(ProcessPool.Builder builder) {
        long t0 = System.nanoTime();
        try (Pool pool = builder.build()) {
            List<CompletableFuture<Long>> pids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                pids.add(pool.submit(() -> ProcessHandle.current().pid()));
            }
            pids.forEach(CompletableFuture::join);
        }
        return System.nanoTime() - t0;
    }

    private static long replace(Pool pool) throws Exception {
        CompletableFuture<Object> crash = pool.submit(() -> {
            Runtime.getRuntime().halt(1);
            return null;
        });
        try {
            crash.join();
            throw new IllegalStateException("the worker did not crash");
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof WorkerLostException)) {
                throw e;
            }
        }
        long t0 = System.nanoTime();
        pool.submit(() -> 1).join();
        long elapsed = System.nanoTime() - t0;
        // let the new standby finish starting, so the next crash finds one ready
        pool.map(i -> i, List.of(1, 2, 3)).toList();
        Thread.sleep(1500); // benchmark pacing only: the next standby JVM starts in the background
        return elapsed;
    }
}
