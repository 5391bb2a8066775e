package dev.spindle.examples;

import dev.spindle.Pool;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.LongStream;

/**
 * Teaches stepping a group of threads through phases with a {@link CyclicBarrier}: no worker
 * starts phase 2 until every worker has finished phase 1. Each worker sums its slice; at the
 * barrier all partial sums are in, so in phase 2 every worker can read them all and work out its
 * share of the total. The barrier is cyclic: the same one marks the end of phase 2, and its
 * action runs once per phase, in the last thread to arrive.
 *
 * <p>A barrier needs all its parties running at once: on a pool with fewer workers than parties
 * the first arrivals would wait forever for the rest. Hence {@code Pool.threads(PARTIES)}.
 *
 * <p>Seed: "Barrier: a way to wait till N threads are ready for a next step" (the parallel
 * computing chapter's list of primitives).
 */
public final class BarrierPhases {

    static final Example EXAMPLE = new Example("barrier-phases",
            "a CyclicBarrier steps workers through phases: partial sums, then shares of the total",
            () -> run(System.out));

    private static final int PARTIES = 3;
    private static final long SPAN = 1_000;

    /**
     * @param partials    each worker's phase-1 sum
     * @param totalsSeen  the total each worker computed in phase 2 from everyone's partials
     * @param barrierTrips how many times the barrier opened
     */
    public record Phases(List<Long> partials, List<Long> totalsSeen, int barrierTrips) {}

    private BarrierPhases() {}

    public static Phases run(PrintStream out) {
        long[] partials = new long[PARTIES];   // phase 1: slot i written by worker i
        long[] totalsSeen = new long[PARTIES]; // phase 2: slot i written by worker i
        int[] trips = {0};                     // touched only by the barrier action, one thread at a time
        CyclicBarrier barrier = new CyclicBarrier(PARTIES,
                () -> out.println("  barrier " + ++trips[0] + ": all " + PARTIES + " workers arrived"));

        try (Pool pool = Pool.threads(PARTIES)) {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int i = 0; i < PARTIES; i++) {
                int me = i;
                workers.add(pool.run(() -> {
                    partials[me] = LongStream.range(me * SPAN, (me + 1) * SPAN).sum();
                    barrier.await(); // everyone's partial sum is written and visible past this point
                    long total = LongStream.of(partials).sum();
                    totalsSeen[me] = total;
                    out.printf(Locale.ROOT, "  w%d: %d of %d is %.1f%%%n", me, partials[me], total, 100.0 * partials[me] / total);
                    barrier.await();
                }));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        }
        long n = PARTIES * SPAN;
        boolean allSawAll = LongStream.of(totalsSeen).allMatch(seen -> seen == n * (n - 1) / 2);
        out.println("every worker saw every partial sum in phase 2: " + allSawAll);
        return new Phases(LongStream.of(partials).boxed().toList(), LongStream.of(totalsSeen).boxed().toList(), trips[0]);
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
