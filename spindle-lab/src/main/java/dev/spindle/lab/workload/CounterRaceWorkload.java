package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;

import java.io.Serializable;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The lost-update race (the seeds' {@code counter += 1} from many threads) and its three fixes.
 *
 * <p>One task per worker of the pool; together they add {@code increments} to a shared counter,
 * four times over:
 * <ul>
 *   <li><b>unsynchronised</b>: {@code count++} on a plain {@code long}, every read and write
 *       performed (in {@linkplain VarHandle#getOpaque opaque} mode, so the JIT cannot keep the
 *       counter in a register and turn a million increments into one add). {@code ++} is a
 *       read, an add and a write: two threads that read the same value both write value + 1,
 *       and one update is lost. (A {@code volatile} counter loses far fewer here: the fence
 *       after each volatile write makes the read-to-write window a few cycles wide.)</li>
 *   <li><b>synchronized</b>: the increment inside a {@code synchronized} block.</li>
 *   <li><b>AtomicLong</b>: {@code incrementAndGet}, one compare-and-set loop on one cache line.</li>
 *   <li><b>LongAdder</b>: striped cells, summed at the end: cheap under contention.</li>
 * </ul>
 * The tasks wait at a start gate (a latch released when all have arrived), then count. The
 * unsynchronised counter counts ten times as far, as it is about ten times cheaper: the tasks
 * must count for tens of milliseconds to overlap for sure, since a task woken at the gate may
 * start a scheduler tick (a few milliseconds) after the others. (A spinning gate would not
 * help: spinning virtual threads can keep the others off their carriers.) Findings: updates
 * lost by the unsynchronised counter, and the wall-clock cost per increment of each variant
 * (elapsed time ÷ increments).
 *
 * <p>Verification: the three fixes must count exactly; the unsynchronised counter may be short
 * (that is the finding) but never over, and never short with a single task.
 *
 * <p>When the pool's tasks run in other JVMs ({@code processes}; told by asking a task for its
 * pid), the counters live in shared memory ({@link SharedCounters}) and the fixes are the
 * cross-process ones: a {@code SharedLock}, a {@code SharedAtomicLong}, and one cell per task
 * summed at the end, which is {@code LongAdder}'s idea without its striping.
 *
 * <p>Under {@code gil} nothing is lost: the emulated GIL switches threads only at checkpoints,
 * between increments. So does CPython since 3.10, which hands its GIL over only at certain
 * points (backward jumps, calls), never between the load and the store of {@code counter += 1}:
 * the seeds' "likely less than expected" holds for free threads and for older interpreters, not
 * for a current CPython. With {@code gilSwitchInIncrement} on, each unsynchronised increment
 * passes a checkpoint between its read and its write, and the emulated GIL then switches there
 * whenever the switch interval is up, as older interpreters could (every 100 bytecodes): the
 * thread that resumes writes back a value read before the others' increments, and loses them.
 *
 * @param increments           how many increments per variant (ten times as many
 *                             unsynchronised), shared among the tasks
 * @param gilSwitchInIncrement whether the unsynchronised increment lets the GIL switch between its
 *                             read and its write (no effect without a GIL)
 */
public record CounterRaceWorkload(long increments, boolean gilSwitchInIncrement) implements Workload<CounterRaceWorkload.Result> {

    private static final int MAX_TASKS = 64;
    private static final long GATE_TIMEOUT_SECONDS = 30;

    /** The four counters under test, in report order. */
    public enum Variant {
        UNSYNCHRONIZED("unsync", "unsync", 10), SYNCHRONIZED("synchronized", "SharedLock", 1),
        ATOMIC("AtomicLong", "SharedAtomicLong", 1), ADDER("LongAdder", "cells", 1);

        private final String label;
        private final String acrossProcesses;
        private final int scale;

        Variant(String label, String acrossProcesses, int scale) {
            this.label = label;
            this.acrossProcesses = acrossProcesses;
            this.scale = scale;
        }

        /** Its name in reports: {@code AtomicLong} in one JVM, {@code SharedAtomicLong} across processes. */
        public String label(boolean acrossProcesses) {
            return acrossProcesses ? this.acrossProcesses : label;
        }

        /** How many times {@code increments} this variant counts to. */
        public int scale() {
            return scale;
        }
    }

    /**
     * One variant's run.
     *
     * @param variant  which counter
     * @param expected how many increments were made
     * @param counted  the counter's final value
     * @param nanos    wall-clock time of the run
     */
    public record Count(Variant variant, long expected, long counted, long nanos) implements Serializable {
        public long lost() {
            return expected - counted;
        }

        public double nanosPerIncrement() {
            return (double) nanos / expected;
        }
    }

    /**
     * @param tasks           how many tasks counted at once
     * @param acrossProcesses whether the tasks ran in other JVMs, on counters in shared memory
     * @param counts          one per variant, in {@link Variant} order
     */
    public record Result(int tasks, boolean acrossProcesses, List<Count> counts) implements Serializable {}

    public CounterRaceWorkload {
        if (increments < MAX_TASKS) {
            throw new IllegalArgumentException("race needs at least " + MAX_TASKS + " increments, was " + increments);
        }
    }

    @Override
    public String name() {
        return "race";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("increments", increments, 1, Long.MAX_VALUE / 20, "increments per variant (ten times as many unsynchronised)"),
                Parameter.flag("gil-switch-in-increment", gilSwitchInIncrement,
                        "let the emulated GIL switch between the read and the write of an increment, as CPython before 3.10 could"));
    }

    @Override
    public CounterRaceWorkload with(Parameters p) {
        return new CounterRaceWorkload(p.count("increments"), p.flag("gil-switch-in-increment"));
    }

    @Override
    public String summary() {
        return String.format("lost-update race: %,d increments by one task per worker; unsync vs synchronized vs AtomicLong vs LongAdder",
                increments);
    }

    @Override
    public Kind kind() {
        return Kind.FINDINGS;
    }

    @Override
    public Result execute(Pool pool) throws Exception {
        int tasks = Math.min(pool.parallelism(), MAX_TASKS);
        List<Count> counts = new ArrayList<>();
        long here = ProcessHandle.current().pid();
        if (pool.submit(() -> ProcessHandle.current().pid()).get() != here) {
            try (SharedCounters shared = new SharedCounters(tasks)) {
                for (Variant variant : Variant.values()) {
                    counts.add(shared.count(pool, variant, increments));
                }
            }
            return new Result(tasks, true, counts);
        }
        for (Variant variant : Variant.values()) {
            counts.add(count(pool, variant, tasks));
        }
        return new Result(tasks, false, counts);
    }

    private Count count(Pool pool, Variant variant, int tasks) throws Exception {
        RaceCounter counter = new RaceCounter();
        CountDownLatch gate = new CountDownLatch(tasks);
        long each = increments * variant.scale() / tasks;
        long expected = each * tasks;
        List<CompletableFuture<Void>> futures = new ArrayList<>(tasks);
        boolean switchInside = gilSwitchInIncrement && variant == Variant.UNSYNCHRONIZED;
        long start = System.nanoTime();
        for (int t = 0; t < tasks; t++) {
            futures.add(pool.run(() -> {
                gate.countDown();
                if (!Gil.blocking(() -> gate.await(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS))) {
                    throw new IllegalStateException("the other tasks never reached the start gate: the pool cannot run "
                            + tasks + " tasks at once");
                }
                for (long done = 0; done < each; done += 1024) {
                    long block = Math.min(1024, each - done);
                    if (switchInside) {
                        for (long i = 0; i < block; i++) {
                            counter.incrementWithSwitchPoint();
                        }
                    } else {
                        for (long i = 0; i < block; i++) {
                            counter.increment(variant);
                        }
                    }
                    Gil.checkpoint();
                }
            }));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
        long nanos = System.nanoTime() - start;
        return new Count(variant, expected, counter.value(variant), nanos);
    }

    @Override
    public Verdict verify(Result result) {
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("tasks", result.tasks());
        StringBuilder costs = new StringBuilder();
        Count unsync = null;
        String wrong = null;
        for (Count c : result.counts()) {
            String key = c.variant().label(result.acrossProcesses());
            findings.put(key + ".counted", c.counted());
            findings.put(key + ".lost", c.lost());
            findings.put(key + ".nsPerIncrement", c.nanosPerIncrement());
            costs.append(costs.isEmpty() ? "" : ", ").append(key).append(' ').append(String.format("%.1f", c.nanosPerIncrement()));
            if (c.variant() == Variant.UNSYNCHRONIZED) {
                unsync = c;
                if (c.counted() > c.expected() || c.counted() < 1 || (result.tasks() == 1 && c.lost() != 0)) {
                    wrong = String.format("unsync counted %,d of %,d with %d task(s): impossible", c.counted(), c.expected(), result.tasks());
                }
            } else if (c.lost() != 0 && wrong == null) {
                wrong = String.format("%s counted %,d of %,d: a fix lost updates", key, c.counted(), c.expected());
            }
        }
        if (unsync == null || result.counts().size() != Variant.values().length) {
            return Verdict.fail("expected one count per variant, got " + result.counts().size(), findings);
        }
        if (wrong != null) {
            return Verdict.fail(wrong, findings);
        }
        String line = String.format("%d task(s)%s: unsync lost %,d of %,d (%.1f%%); ns/increment: %s",
                result.tasks(), result.acrossProcesses() ? " in other JVMs, on shared memory" : "", unsync.lost(),
                unsync.expected(), 100.0 * unsync.lost() / unsync.expected(), costs);
        if (result.tasks() > 1 && unsync.lost() == 0 && Gil.installed() && !gilSwitchInIncrement) {
            line += "; none lost: this GIL, like CPython's since 3.10, switches between increments, never inside one"
                    + " (--param race.gil-switch-in-increment=on switches inside, as older interpreters could)";
        }
        return Verdict.pass(line, findings);
    }
}
