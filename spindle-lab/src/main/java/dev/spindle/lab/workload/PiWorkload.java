package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Monte Carlo π (the seeds' {@code pi(trials, threads)}): throw random points into the unit
 * square, count those inside the quarter circle, π ≈ 4 · hits / trials.
 *
 * <p>Each task draws from its own {@link SplittableRandom}, seeded from the task's index, so no
 * generator is shared between threads (a shared one would serialise them, or race) and the hit
 * count is the same on every strategy. The estimate must lie within {@value #SIGMAS} standard
 * errors of π: the standard error of the estimate is {@code 4·√(p(1−p)/trials)} with
 * {@code p = π/4}, about {@code 1.64/√trials}.
 *
 * @param trials how many points in all
 * @param tasks  how many tasks share them
 */
public record PiWorkload(long trials, int tasks) implements Workload<PiWorkload.Result> {

    /** How many standard errors from π the estimate may be. */
    public static final int SIGMAS = 6;

    private static final long SEED = 0x5EED_0F_91L;
    private static final int BLOCK = 1024;

    /**
     * @param trials points thrown
     * @param hits   points inside the quarter circle
     */
    public record Result(long trials, long hits) {}

    public PiWorkload {
        if (tasks < 1 || trials < tasks) {
            throw new IllegalArgumentException("pi needs tasks >= 1 and trials >= tasks, was trials=" + trials + ", tasks=" + tasks);
        }
    }

    @Override
    public String name() {
        return "pi";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("points", trials, 1, Long.MAX_VALUE / 2, "random points in all"),
                Parameter.count("tasks", tasks, 1, Integer.MAX_VALUE, "tasks that share them"));
    }

    @Override
    public PiWorkload with(Parameters p) {
        return new PiWorkload(p.count("points"), p.intCount("tasks"));
    }

    @Override
    public boolean runsOnCopies() {
        return true;
    }

    @Override
    public String summary() {
        return String.format("Monte Carlo pi: %,d random points in %d tasks, one generator per task; within %d standard errors",
                trials, tasks, SIGMAS);
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    @Override
    public Result execute(Pool pool) {
        long perTask = trials / tasks;
        long extra = trials % tasks;
        long hits = pool.map(i -> throwPoints(i, perTask + (i < extra ? 1 : 0)), IntStream.range(0, tasks).boxed(), InFlight.all(tasks))
                .mapToLong(Long::longValue).sum();
        return new Result(trials, hits);
    }

    /**
     * The hot loop of one task: its own generator, a checkpoint after every block of
     * {@value #BLOCK} points. The checkpoint sits between blocks, outside the inner loop, so the
     * inner loop stays free of calls and compiles equally well whether a GIL was ever installed.
     */
    static long throwPoints(int task, long points) {
        SplittableRandom random = new SplittableRandom(SEED ^ (task * 0x9E37_79B9_7F4A_7C15L));
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

    /** The tolerance on the estimate for this many trials. */
    public static double tolerance(long trials) {
        double p = Math.PI / 4;
        return SIGMAS * 4 * Math.sqrt(p * (1 - p) / trials);
    }

    @Override
    public Verdict verify(Result result) {
        Map<String, Object> findings = new LinkedHashMap<>();
        double estimate = 4.0 * result.hits() / result.trials();
        double error = Math.abs(estimate - Math.PI);
        double tolerance = tolerance(trials);
        findings.put("trials", result.trials());
        findings.put("hits", result.hits());
        findings.put("estimate", estimate);
        findings.put("absError", error);
        findings.put("tolerance", tolerance);
        if (result.trials() != trials) {
            return Verdict.fail(String.format("threw %,d points, expected %,d", result.trials(), trials), findings);
        }
        String line = String.format("pi ~ %.6f, |error| %.1e %s %.1e", estimate, error, error <= tolerance ? "<=" : ">", tolerance);
        return error <= tolerance ? Verdict.pass(line, findings) : Verdict.fail(line + " (outside tolerance)", findings);
    }
}
