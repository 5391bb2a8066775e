package dev.spindle.lab.harness;

import dev.spindle.Pool;
import dev.spindle.lab.io.LoopbackServer;
import dev.spindle.lab.strategy.Strategy;
import dev.spindle.lab.trace.Timeline;
import dev.spindle.lab.workload.Verdict;
import dev.spindle.lab.workload.Workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Runs a {@link Plan} and measures it.
 *
 * <h2>How a configuration is measured</h2>
 * First every workload runs unmeasured on the sequential pool for {@link #PRIMING} (at least
 * once), so that the JIT has compiled the hot loops of all of them to their final form before
 * anything is timed. A few runs are not enough: tiered compilation takes a second or two of a
 * hot loop to settle (Monte Carlo π runs about 25% slower before it has), and compiler threads
 * still at work would take a core from the first parallel runs.
 * Then, for each workload, the {@code sequential} strategy runs first: it is the baseline of every
 * speed-up. Then each strategy of the plan, at each worker count (a strategy without workers,
 * {@code sequential}, runs once). A configuration opens one pool, runs the workload
 * {@code warmups} times unmeasured (to let the JIT compile it and the pool start its threads),
 * then {@code repeats} times measured, and closes the pool. Only {@link Workload#execute} is
 * timed; every run, warm-ups included, is {@linkplain Workload#verify verified}, and the first
 * wrong result or exception ends the configuration as failed, with what went wrong. The report
 * gives the median time (robust to the odd slow run), the min and the max; speed-up is the
 * baseline's median over this median, efficiency the speed-up per worker. Each configuration is
 * also watched for {@link Noise}: other processes' use of the CPU while it ran, and how far its
 * runs lie from their median; a disturbed one is flagged. One run is recorded as a {@link Timeline} (its tasks on
 * their workers, and the GIL's hand-overs): the last warm-up, which is not timed, so that the
 * recording never slows a measured run; with no warm-ups, the last measured run.
 *
 * <p>A workload that cannot run on a configuration (see {@link Workload#unsupported}) gets a
 * skipped row with the reason. A workload that waits rather than computes
 * ({@link Workload#needsPriming()} false) is not primed.
 *
 * <p>{@link #stop()} (Ctrl-C) ends a run early: the configuration under way is dropped and its pool
 * closed at once, and the report keeps the rows measured before it. Nothing here is concurrent: configurations run one after another,
 * so they never compete for cores.
 */
public final class Harness {

    /** Hears about progress, so the terminal can show rows as they are measured. */
    public interface Listener {
        /** A configuration is about to run. */
        default void starting(String workload, Strategy strategy, int workers) {}

        void finished(Row row);
    }

    /** How long each workload runs before any measurement, so the JIT settles. */
    static final Duration PRIMING = Duration.ofMillis(1500);

    /**
     * How long, at least, a configuration whose workers are JVMs of their own warms up: they start
     * with cold code. A third of the priming, so that the default suite, with a pool of worker
     * JVMs per configuration, stays within its three minutes; the workers' code is not fully
     * compiled by then, which the docs say beside the figures.
     */
    static final Duration WORKER_WARM_UP = Duration.ofMillis(500);

    private final Plan plan;
    private final Listener listener;

    private final Duration priming;
    private volatile boolean stopRequested;
    private Thread runner; // guarded by this: the thread in run(), to interrupt on stop()

    public Harness(Plan plan, Listener listener) {
        this(plan, listener, PRIMING);
    }

    /** With another priming time: tests use zero, which primes each workload with one run. */
    Harness(Plan plan, Listener listener, Duration priming) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.priming = Objects.requireNonNull(priming, "priming");
    }

    /** How many configurations {@link #run} measures or skips: a row each. */
    public int configurations() {
        int count = 0;
        for (Workload<?> workload : plan.workloads()) {
            count++; // the baseline
            for (Strategy strategy : plan.strategies()) {
                if (strategy != Strategy.SEQUENTIAL) {
                    for (int workers : strategy.usesWorkers() ? plan.workers() : List.of(Row.ONE_PER_TASK)) {
                        count += plan.includes(workload.name(), strategy, workers) ? 1 : 0;
                    }
                }
            }
        }
        return count;
    }

    /**
     * Asks a run in progress to stop (Ctrl-C): the configuration under way is abandoned, its pool
     * closed at once, and {@link #run} returns the rows measured so far in a report marked
     * interrupted. The thread in {@code run} is interrupted, so that a run waiting for its tasks
     * stops waiting; {@code run} clears that interrupt before it returns. Any thread may call it.
     */
    public void stop() {
        stopRequested = true;
        synchronized (this) {
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    /**
     * Runs every configuration of the plan, in order, and stops the lab's loopback server (if a
     * workload started it) at the end.
     */
    public LabReport run(Environment environment) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        synchronized (this) {
            runner = Thread.currentThread();
        }
        try {
            plan.workloads().forEach(this::prime);
            everything:
            for (Workload<?> workload : plan.workloads()) {
                Row baseline = configuration(workload, Strategy.SEQUENTIAL, 1, null);
                if (!record(baseline, rows)) {
                    break;
                }
                Stats baselineStats = baseline.status() == Row.Status.OK ? baseline.stats() : null;
                for (Strategy strategy : plan.strategies()) {
                    if (strategy == Strategy.SEQUENTIAL) {
                        continue;
                    }
                    for (int workers : strategy.usesWorkers() ? plan.workers() : List.of(Row.ONE_PER_TASK)) {
                        if (!plan.includes(workload.name(), strategy, workers)) {
                            continue;
                        }
                        if (!record(configuration(workload, strategy, workers, baselineStats), rows)) {
                            break everything; // stopped: no further configuration opens a pool
                        }
                    }
                }
            }
        } finally {
            synchronized (this) {
                runner = null;
                if (stopRequested) {
                    Thread.interrupted(); // stop()'s interrupt has done its work
                }
            }
            LoopbackServer.stopShared();
        }
        List<StartUp> startUps = stopRequested ? List.of()
                : plan.strategies().stream().map(s -> StartUp.measure(s, plan.switchInterval())).toList();
        return new LabReport(environment, plan, startedAt, Duration.ofNanos(System.nanoTime() - start), rows, startUps,
                stopRequested);
    }

    /** Keeps a row and tells the listener, unless the run was stopped meanwhile; returns whether to go on. */
    private boolean record(Row row, List<Row> rows) {
        if (stopRequested) {
            return false;
        }
        rows.add(row);
        listener.finished(row);
        return true;
    }

    /**
     * Unmeasured, unverified sequential runs for the priming time, for the JIT, for each workload
     * that can run on the sequential pool. A failure here is not reported: the measured configurations run the same code again and report it.
     */
    private void prime(Workload<?> workload) {
        if (!workload.needsPriming() || stopRequested) {
            return; // work that waits has nothing for the JIT to settle
        }
        if (workload.unsupported(Strategy.SEQUENTIAL, 1).isPresent()) {
            return; // the deadlock cannot happen on one worker: there it would only wait out its timeouts
        }
        long until = System.nanoTime() + priming.toNanos();
        try (Pool pool = Pool.sequential()) {
            do {
                workload.execute(pool);
            } while (System.nanoTime() < until && !stopRequested);
        } catch (Exception e) {
            // reported by the baseline configuration, which runs the same code
        }
    }

    private Row configuration(Workload<?> workload, Strategy strategy, int workers, Stats baseline) {
        Optional<String> unsupported = (strategy == Strategy.ISOLATED || strategy == Strategy.CLUSTER) && !workload.runsOnCopies()
                ? Optional.of(workload.name() + " shares objects with its tasks, and " + strategy.cliName() + " tasks are copies")
                : workload.unsupported(strategy, workers);
        if (unsupported.isPresent()) {
            return new Row(workload.name(), workload.kind(), strategy, workers, Row.Status.SKIPPED, null, Double.NaN,
                    "skipped: " + unsupported.get(), Map.of());
        }
        listener.starting(workload.name(), strategy, workers);
        return measure(workload, strategy, workers, baseline);
    }

    private <R> Row measure(Workload<R> workload, Strategy strategy, int workers, Stats baseline) {
        List<Long> samples = new ArrayList<>();
        Verdict verdict = null;
        Noise noise;
        Timeline timeline = null;
        Noise.Probe probe = Noise.probe();
        Pool pool;
        try {
            pool = strategy.open(workers, plan.switchInterval());
        } catch (RuntimeException e) {
            return failed(workload, strategy, workers, samples, "could not open the pool: " + describe(e), Map.of());
        }
        try {
            int warmups = plan.warmups();
            long warmingSince = System.nanoTime();
            for (int run = 0; run < warmups + plan.repeats() && !stopRequested; run++) {
                if (run == warmups - 1 && strategy.startsOtherJvms()
                        && System.nanoTime() - warmingSince < Math.min(priming.toNanos(), WORKER_WARM_UP.toNanos())) {
                    warmups++; // worker JVMs start cold: their JIT gets a warm-up of its own
                }
                // the timeline of the last warm-up, unmeasured, so that recording never slows a timed run; without warm-ups, the last run
                boolean recorded = warmups > 0 ? run == warmups - 1 : run == plan.repeats() - 1;
                Timeline.Recorder recorder = recorded ? Timeline.record(pool) : null;
                long t0 = System.nanoTime();
                R result;
                long elapsed;
                try {
                    result = workload.execute(pool);
                    elapsed = System.nanoTime() - t0;
                } finally {
                    if (recorder != null) {
                        timeline = recorder.finish();
                    }
                }
                verdict = workload.verify(result);
                if (!verdict.passed()) {
                    String which = run < warmups ? "warm-up " + (run + 1) : "run " + (run - warmups + 1);
                    return failed(workload, strategy, workers, samples, which + ": " + verdict.summary(), verdict.findings());
                }
                if (run >= warmups) {
                    samples.add(elapsed);
                }
            }
            noise = probe.finish(samples.isEmpty() ? null : new Stats(samples), workload.kind() == Workload.Kind.SPEEDUP); // before the close, while worker JVMs still count as ours
        } catch (Exception e) {
            pool.closeNow();
            return failed(workload, strategy, workers, samples, "threw " + describe(e), Map.of());
        } finally {
            pool.close();
        }
        if (stopRequested) {
            return failed(workload, strategy, workers, samples, "stopped", Map.of()); // dropped by record(): never reported
        }
        Stats stats = new Stats(samples);
        Stats reference = strategy == Strategy.SEQUENTIAL ? stats : baseline; // the baseline row: 1.00 against itself
        double speedup = workload.kind() == Workload.Kind.SPEEDUP && reference != null ? stats.speedupOver(reference) : Double.NaN;
        return new Row(workload.name(), workload.kind(), strategy, workers, Row.Status.OK, stats, speedup,
                verdict.summary(), verdict.findings(), noise, timeline);
    }

    private static Row failed(Workload<?> workload, Strategy strategy, int workers, List<Long> samples, String why,
                              Map<String, Object> findings) {
        Stats stats = samples.isEmpty() ? null : new Stats(samples);
        return new Row(workload.name(), workload.kind(), strategy, workers, Row.Status.FAILED, stats, Double.NaN, why, findings);
    }

    /** The root cause of a task failure, past the wrappers that futures and {@code map} add. */
    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof dev.spindle.MapFailedException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
