package dev.spindle.lab.workload;

import dev.spindle.MapOptions;
import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.strategy.Strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Contended shared state (the seeds' warning about one global random generator shared by
 * threads): Monte Carlo π three times over, its points drawn
 * <ul>
 *   <li><b>shared</b>: from one {@link java.util.Random} that every task uses. It is thread-safe:
 *       each draw advances its seed with a compare-and-set on one {@code AtomicLong}, so the
 *       threads take turns on one cache line, and a draw that loses the race retries;</li>
 *   <li><b>ThreadLocalRandom</b>: from {@link ThreadLocalRandom#current()}, a generator per
 *       thread, kept in the thread itself;</li>
 *   <li><b>per task</b>: from a {@link SplittableRandom} each task creates, seeded from its index.</li>
 * </ul>
 * Each variant runs {@code tasks} tasks over {@code points} points on the pool and is timed on its
 * own; the findings are each variant's time and its cost per draw (elapsed time ÷ draws, two draws
 * a point). On one worker the three cost about the same; with more, the shared generator gets
 * slower the more threads share it, while the others scale.
 *
 * <p>Every estimate must lie within {@link PiWorkload#SIGMAS} standard errors of π: sharing a
 * generator costs time, not correctness ({@code Random} is thread-safe). The shared generator
 * lives in this JVM, so the workload runs on the in-JVM strategies only.
 *
 * @param points how many points per variant
 * @param tasks  how many tasks share them
 */
public record SharedRandomWorkload(long points, int tasks) implements Workload<SharedRandomWorkload.Result> {

    private static final long SEED = 0x5EED_0F_91L;
    private static final int BLOCK = 1024;

    /** Where a variant draws its points. */
    public enum Source {
        SHARED("shared Random"), THREAD_LOCAL("ThreadLocalRandom"), PER_TASK("per task");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** The name in the notes and the findings. */
        public String label() {
            return label;
        }
    }

    /**
     * One variant's run.
     *
     * @param source where its points came from
     * @param hits   points inside the quarter circle
     * @param nanos  how long the variant took, wall clock
     */
    public record Draw(Source source, long hits, long nanos) {}

    /** @param draws one per source, in {@link Source} order */
    public record Result(List<Draw> draws) {}

    public SharedRandomWorkload {
        if (tasks < 1 || points < tasks) {
            throw new IllegalArgumentException("shared-random needs tasks >= 1 and points >= tasks, was points=" + points
                    + ", tasks=" + tasks);
        }
    }

    @Override
    public String name() {
        return "shared-random";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("points", points, 1, Long.MAX_VALUE / 2, "random points per variant"),
                Parameter.count("tasks", tasks, 1, Integer.MAX_VALUE, "tasks that share them"));
    }

    @Override
    public SharedRandomWorkload with(Parameters p) {
        return new SharedRandomWorkload(p.count("points"), p.intCount("tasks"));
    }

    @Override
    public String summary() {
        return String.format("Monte Carlo pi, %,d points in %d tasks, drawn from one shared Random, ThreadLocalRandom, a generator per task",
                points, tasks);
    }

    @Override
    public Kind kind() {
        return Kind.FINDINGS;
    }

    @Override
    public Optional<String> unsupported(Strategy strategy, int workers) {
        return strategy == Strategy.PROCESSES
                ? Optional.of("one Random cannot be shared between JVMs: each worker would draw from its own copy")
                : Optional.empty();
    }

    @Override
    public Result execute(Pool pool) {
        Random shared = new Random(SEED);
        long perTask = points / tasks;
        long extra = points % tasks;
        List<Draw> draws = new ArrayList<>();
        for (Source source : Source.values()) {
            long start = System.nanoTime();
            long hits = pool.map(i -> throwPoints(source, shared, i, perTask + (i < extra ? 1 : 0)), IntStream.range(0, tasks).boxed(),
                    MapOptions.defaults().withInFlight(tasks).withChunkSize(1)).mapToLong(Long::longValue).sum();
            draws.add(new Draw(source, hits, System.nanoTime() - start));
        }
        return new Result(draws);
    }

    /** One task: its points from {@code source}, a checkpoint for the GIL after every block. */
    static long throwPoints(Source source, Random shared, int task, long points) {
        SplittableRandom own = source == Source.PER_TASK ? new SplittableRandom(SEED ^ (task * 0x9E37_79B9_7F4A_7C15L)) : null;
        long hits = 0;
        for (long done = 0; done < points; done += BLOCK) {
            long block = Math.min(BLOCK, points - done);
            for (long i = 0; i < block; i++) {
                double x;
                double y;
                switch (source) {
                    case SHARED -> {
                        x = shared.nextDouble();
                        y = shared.nextDouble();
                    }
                    case THREAD_LOCAL -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        x = random.nextDouble();
                        y = random.nextDouble();
                    }
                    default -> {
                        x = own.nextDouble();
                        y = own.nextDouble();
                    }
                }
                if (x * x + y * y < 1.0) {
                    hits++;
                }
            }
            Gil.checkpoint();
        }
        return hits;
    }

    @Override
    public Verdict verify(Result result) {
        Map<String, Object> findings = new LinkedHashMap<>();
        double tolerance = PiWorkload.tolerance(points);
        StringBuilder costs = new StringBuilder();
        String wrong = null;
        for (Draw draw : result.draws()) {
            double estimate = 4.0 * draw.hits() / points;
            double perDraw = draw.nanos() / (2.0 * points);
            findings.put(draw.source().label() + ".estimate", estimate);
            findings.put(draw.source().label() + ".millis", draw.nanos() / 1e6);
            findings.put(draw.source().label() + ".nsPerDraw", perDraw);
            costs.append(costs.isEmpty() ? "" : ", ").append(draw.source().label()).append(String.format(" %.1f", perDraw));
            if (Math.abs(estimate - Math.PI) > tolerance && wrong == null) {
                wrong = String.format("%s: pi ~ %.6f, outside %.1e of pi", draw.source().label(), estimate, tolerance);
            }
        }
        if (result.draws().size() != Source.values().length) {
            return Verdict.fail("expected one run per source, got " + result.draws().size(), findings);
        }
        if (wrong != null) {
            return Verdict.fail(wrong, findings);
        }
        Draw shared = result.draws().getFirst();
        Draw local = result.draws().get(1);
        return Verdict.pass(String.format("every estimate within %.1e of pi; ns/draw: %s; shared is %.1fx ThreadLocalRandom",
                tolerance, costs, (double) shared.nanos() / local.nanos()), findings);
    }
}
