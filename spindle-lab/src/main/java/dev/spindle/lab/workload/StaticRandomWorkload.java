package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * The seeds' point about interpreters, measured: Monte Carlo π whose points come from one
 * <em>static</em> {@link Random}, as legacy code keeps a generator in global state (Python's
 * module-level {@code random}).
 * <ul>
 *   <li>On threads, every task draws from the one static generator: each draw is a
 *       compare-and-set on its seed, so the threads take turns on one cache line.</li>
 *   <li>On isolated workers ({@code --strategies isolated}), each worker's class loader has its
 *       own copy of the class, and so its own static generator: no contention, as each
 *       sub-interpreter has its own module globals.</li>
 *   <li>With {@code perTask} on ({@code --param static-random.per-task=on}), each task draws from
 *       a {@code Random} of its own instead: the same generator, never shared, on any strategy.</li>
 * </ul>
 * Verified as {@code pi} is: the estimate within {@value PiWorkload#SIGMAS} standard errors. The
 * generator is thread-safe, so sharing it costs time, not correctness; the hit count varies with
 * the interleaving of the draws.
 *
 * @param trials  how many points in all
 * @param tasks   how many tasks share them
 * @param perTask whether each task draws from a generator of its own instead of the static one
 */
public record StaticRandomWorkload(long trials, int tasks, boolean perTask) implements Workload<PiWorkload.Result> {

    private static final int BLOCK = 1024;
    private static final long SEED = 0x5EED_0F_91L;

    /** The legacy global state: one generator for whoever loads this class. */
    static final class GlobalRandom {
        static final Random RANDOM = new Random(SEED);

        private GlobalRandom() {}
    }

    public StaticRandomWorkload {
        if (tasks < 1 || trials < tasks) {
            throw new IllegalArgumentException("static-random needs tasks >= 1 and points >= tasks, was points=" + trials
                    + ", tasks=" + tasks);
        }
    }

    @Override
    public String name() {
        return "static-random";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("points", trials, 1, Long.MAX_VALUE / 2, "random points in all"),
                Parameter.count("tasks", tasks, 1, Integer.MAX_VALUE, "tasks that share them"),
                Parameter.flag("per-task", perTask, "draw from a java.util.Random per task instead of the static one"));
    }

    @Override
    public StaticRandomWorkload with(Parameters p) {
        return new StaticRandomWorkload(p.count("points"), p.intCount("tasks"), p.flag("per-task"));
    }

    @Override
    public String summary() {
        return perTask ? String.format("Monte Carlo pi: %,d points in %d tasks, each from a java.util.Random of its own", trials, tasks)
                : String.format("Monte Carlo pi: %,d points from one static java.util.Random in %d tasks: contended on threads,"
                + " one per worker when isolated", trials, tasks);
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    @Override
    public boolean runsOnCopies() {
        return true;
    }

    @Override
    public PiWorkload.Result execute(Pool pool) {
        long points = trials / tasks;
        long extra = trials % tasks;
        boolean own = perTask;
        long hits = pool.map(i -> throwPoints(points + (i < extra ? 1 : 0), own ? new Random(SEED ^ i) : GlobalRandom.RANDOM),
                IntStream.range(0, tasks).boxed(), InFlight.all(tasks)).mapToLong(Long::longValue).sum();
        return new PiWorkload.Result(trials, hits);
    }

    /**
     * One task's points, every one drawn from this generator: {@code pi}'s loop over a
     * {@code java.util.Random}. A copy, not a call to a shared loop over {@code RandomGenerator}:
     * that would make {@code pi}'s hot call site see two generator classes when both run.
     */
    static long throwPoints(long points, Random random) {
        long hits = 0;
        for (long done = 0; done < points; done += BLOCK) {
            long block = Math.min(BLOCK, points - done);
            for (long i = 0; i < block; i++) {
                double x = random.nextDouble();
                double y = random.nextDouble();
                if (x * x + y * y < 1.0) {
                    hits++;
                }
            }
            Gil.checkpoint();
        }
        return hits;
    }

    @Override
    public Verdict verify(PiWorkload.Result result) {
        return new PiWorkload(trials, tasks).verify(result);
    }
}
