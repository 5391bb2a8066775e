package dev.spindle.lab.workload;

import dev.spindle.Action;
import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.strategy.Strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A deadlock, found and cleaned up, then fixed twice (the seeds' two locks taken in opposite
 * order), on every strategy that runs two tasks at once.
 *
 * <ol>
 *   <li><b>deadlock</b>: two tasks each take one lock ({@code lockInterruptibly}), wait until both
 *       hold theirs, then take the other's. The harness thread watches the locks'
 *       {@link WaitForGraph} until it confirms the cycle (or {@code detectWithin} passes, or the
 *       tasks finish, which would mean there was none), and describes it: which thread holds
 *       which lock and waits for which. Then it cancels both tasks with interruption;
 *       {@code lockInterruptibly} throws, each task releases its lock and exits, and the workload
 *       waits for both exits, so no task is left blocked and no lock is left held.</li>
 *   <li><b>lock ordering</b>: both tasks take the locks in one global order; it cannot
 *       deadlock.</li>
 *   <li><b>timed tryLock</b>: opposite order again, and again both first hold their first lock;
 *       but the second is taken with {@code tryLock(timeout)}: on failure a task releases what it
 *       holds, backs off (for a different time per task, so the two do not retry in lockstep)
 *       and retries. The two tasks do form a cycle for up to a timeout at a time, but of timed
 *       waits, which the graph does not count as a deadlock: it breaks by itself.</li>
 * </ol>
 * The two fixes are watched by the same detector while they run: each must finish, and with no
 * deadlock found. The detector is the lab's own rather than {@code ThreadMXBean}'s, which does
 * not see virtual threads; see {@link WaitForGraph}.
 *
 * <p>Lock waits run through {@link Gil#blocking}, as CPython releases its GIL while a thread waits
 * for a lock, so the {@code gil} strategy deadlocks on the two locks and not on the GIL.
 *
 * <p>Needs two tasks running at once: not on {@code sequential} or one worker.
 *
 * @param detectWithin how long the detector may take to find the cycle
 */
public record DeadlockWorkload(Duration detectWithin) implements Workload<DeadlockWorkload.Result> {

    private static final long TRY_LOCK_MILLIS = 10;
    private static final int MAX_ATTEMPTS = 1000;

    /**
     * What the detector found.
     *
     * @param found whether it confirmed a cycle among the tasks' threads in time
     * @param nanos how long after it started watching it confirmed the cycle (or gave up)
     * @param cycle one line per thread of the cycle: which lock it holds and which it waits for
     */
    public record Detection(boolean found, long nanos, List<String> cycle) {

        public Detection {
            cycle = List.copyOf(cycle);
        }
    }

    /**
     * How a fix ran, watched by the detector.
     *
     * @param finished whether both tasks finished in time
     * @param deadlock the cycle, if the detector found one (the fix did not work); empty otherwise
     */
    public record Fix(boolean finished, List<String> deadlock) {

        public Fix {
            deadlock = List.copyOf(deadlock);
        }

        /** Finished, and no deadlock seen. */
        public boolean worked() {
            return finished && deadlock.isEmpty();
        }
    }

    /**
     * The three scenarios.
     *
     * @param detection       the deadlock as detected
     * @param exited          whether both deadlocked tasks exited after the interrupt
     * @param locksFree       whether both locks were free afterwards
     * @param ordered         lock ordering
     * @param tryLock         timed tryLock
     * @param tryLockRetries  how many times a tryLock task gave up and retried
     */
    public record Result(Detection detection, boolean exited, boolean locksFree, Fix ordered, Fix tryLock,
                         int tryLockRetries) {}

    public DeadlockWorkload {
        if (detectWithin.isNegative() || detectWithin.isZero()) {
            throw new IllegalArgumentException("detectWithin must be positive, was " + detectWithin);
        }
    }

    @Override
    public String name() {
        return "deadlock";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.duration("detect-within", detectWithin, Duration.ofMillis(1), Duration.ofMinutes(10),
                        "how long the detector may take to find the cycle"));
    }

    @Override
    public DeadlockWorkload with(Parameters p) {
        return new DeadlockWorkload(p.duration("detect-within"));
    }

    @Override
    public String summary() {
        return "two locks in opposite order: deadlock found in the locks' wait-for graph within " + detectWithin.toMillis()
                + " ms, tasks interrupted and joined; then fixed by lock ordering and by timed tryLock";
    }

    @Override
    public Kind kind() {
        return Kind.FINDINGS;
    }

    @Override
    public Optional<String> unsupported(Strategy strategy, int workers) {
        if (strategy == Strategy.SEQUENTIAL || workers < 2) {
            return Optional.of("a deadlock needs two tasks running at once (2 or more workers)");
        }
        if (strategy == Strategy.PROCESSES) {
            return Optional.of("the tasks deadlock on locks of one JVM, which worker JVMs do not share");
        }
        return Optional.empty();
    }

    @Override
    public Result execute(Pool pool) throws Exception {
        Cleanup deadlock = deadlock(pool);
        Fix ordered = ordered(pool);
        AtomicInteger retries = new AtomicInteger();
        Fix tryLock = tryLock(pool, retries);
        return new Result(deadlock.detection, deadlock.exited, deadlock.locksFree, ordered, tryLock, retries.get());
    }

    private record Cleanup(Detection detection, boolean exited, boolean locksFree) {}

    private Cleanup deadlock(Pool pool) throws InterruptedException {
        WaitForGraph graph = new WaitForGraph();
        NamedLock a = graph.newLock("lock-A");
        NamedLock b = graph.newLock("lock-B");
        CountDownLatch holdingFirst = new CountDownLatch(2);
        AtomicIntegerArray started = new AtomicIntegerArray(2);
        CountDownLatch[] exited = {new CountDownLatch(1), new CountDownLatch(1)};
        List<CompletableFuture<Void>> futures = List.of(
                pool.run(() -> crossing(a, b, holdingFirst, () -> started.set(0, 1), exited[0])),
                pool.run(() -> crossing(b, a, holdingFirst, () -> started.set(1, 1), exited[1])));
        long start = System.nanoTime();
        Optional<WaitForGraph.Deadlock> found = graph.awaitDeadlock(detectWithin, allOf(futures));
        Detection detection = new Detection(found.isPresent(), System.nanoTime() - start,
                found.map(WaitForGraph.Deadlock::lines).orElse(List.of()));
        for (CompletableFuture<Void> future : futures) {
            future.cancel(true); // interrupts a running task; drops one that never started
        }
        long deadline = System.nanoTime() + detectWithin.toNanos();
        boolean allExited = true;
        for (int i = 0; i < exited.length; i++) {
            if (started.get(i) == 1) {
                allExited &= exited[i].await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        return new Cleanup(detection, allExited, !a.isLocked() && !b.isLocked());
    }

    /** Takes {@code first}, waits until the other task holds its first lock, then takes {@code second}. */
    private void crossing(NamedLock first, NamedLock second, CountDownLatch holdingFirst, Runnable started,
                          CountDownLatch exited) throws InterruptedException {
        started.run();
        try {
            Gil.blocking(() -> {
                first.lockInterruptibly();
                return null;
            });
            try {
                holdingFirst.countDown();
                Gil.blocking(() -> holdingFirst.await(detectWithin.toNanos(), TimeUnit.NANOSECONDS));
                Gil.blocking(() -> {
                    second.lockInterruptibly();
                    return null;
                });
                second.unlock();
            } finally {
                first.unlock();
            }
        } finally {
            exited.countDown();
        }
    }

    private Fix ordered(Pool pool) throws Exception {
        WaitForGraph graph = new WaitForGraph();
        NamedLock a = graph.newLock("lock-A");
        NamedLock b = graph.newLock("lock-B");
        AtomicInteger done = new AtomicInteger();
        Action both = () -> Gil.blocking(() -> {
            a.lockInterruptibly();
            try {
                b.lockInterruptibly();
                try {
                    done.incrementAndGet();
                } finally {
                    b.unlock();
                }
            } finally {
                a.unlock();
            }
            return null;
        });
        Fix fix = watch(graph, List.of(pool.run(both), pool.run(both)));
        return done.get() == 2 ? fix : new Fix(false, fix.deadlock());
    }

    private Fix tryLock(Pool pool, AtomicInteger retries) throws Exception {
        WaitForGraph graph = new WaitForGraph();
        NamedLock a = graph.newLock("lock-A");
        NamedLock b = graph.newLock("lock-B");
        CountDownLatch holdingFirst = new CountDownLatch(2);
        return watch(graph, List.of(
                pool.run(() -> backingOff(a, b, 1, holdingFirst, retries)),
                pool.run(() -> backingOff(b, a, 3, holdingFirst, retries))));
    }

    /** Opposite order, but the second lock with a timeout: on failure, release, back off, retry. */
    private void backingOff(NamedLock first, NamedLock second, long backoffMillis, CountDownLatch holdingFirst,
                            AtomicInteger retries) throws InterruptedException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Gil.blocking(() -> {
                first.lockInterruptibly();
                return null;
            });
            try {
                if (attempt == 1) {
                    holdingFirst.countDown();
                    Gil.blocking(() -> holdingFirst.await(detectWithin.toNanos(), TimeUnit.NANOSECONDS));
                }
                if (Gil.blocking(() -> second.tryLock(TRY_LOCK_MILLIS, TimeUnit.MILLISECONDS))) {
                    second.unlock();
                    return;
                }
            } finally {
                first.unlock();
            }
            retries.incrementAndGet();
            long pause = backoffMillis * attempt;
            Gil.blocking(() -> {
                Thread.sleep(pause);
                return null;
            });
        }
        throw new IllegalStateException("gave up on " + second.name() + " after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Watches a fix with the detector until both tasks finish. If it finds a deadlock, or the
     * tasks do not finish in time, it cancels them (they lock interruptibly, so they end) and
     * says so.
     *
     * @throws ExecutionException if a task failed: the harness reports its failure
     */
    private Fix watch(WaitForGraph graph, List<CompletableFuture<Void>> futures) throws Exception {
        CompletableFuture<Void> all = allOf(futures);
        Optional<WaitForGraph.Deadlock> deadlock = graph.awaitDeadlock(detectWithin.multipliedBy(2), all);
        if (deadlock.isEmpty() && all.isDone()) {
            all.get();
            return new Fix(true, List.of());
        }
        futures.forEach(f -> f.cancel(true));
        return new Fix(false, deadlock.map(WaitForGraph.Deadlock::lines).orElse(List.of()));
    }

    private static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    @Override
    public Verdict verify(Result result) {
        Map<String, Object> findings = new LinkedHashMap<>();
        Detection d = result.detection();
        findings.put("detected", d.found());
        findings.put("detectionMillis", d.nanos() / 1e6);
        findings.put("cycle", d.cycle());
        findings.put("tasksExited", result.exited());
        findings.put("locksFree", result.locksFree());
        findings.put("orderedLockingFinished", result.ordered().finished());
        findings.put("orderedLockingCycle", result.ordered().deadlock());
        findings.put("tryLockFinished", result.tryLock().finished());
        findings.put("tryLockCycle", result.tryLock().deadlock());
        findings.put("tryLockRetries", result.tryLockRetries());
        List<String> problems = new ArrayList<>();
        if (!d.found()) {
            problems.add(String.format("no deadlock detected: watched for %.1f ms (at most %d)", d.nanos() / 1e6,
                    detectWithin.toMillis()));
        } else if (d.cycle().size() != 2
                || !d.cycle().get(0).matches(".+ holds lock-A, waits for lock-B held by .+")
                || !d.cycle().get(1).matches(".+ holds lock-B, waits for lock-A held by .+")) {
            problems.add("cycle not described as two threads crossing lock-A and lock-B: " + d.cycle());
        }
        if (!result.exited()) {
            problems.add("deadlocked tasks did not exit after the interrupt");
        }
        if (!result.locksFree()) {
            problems.add("a lock was left held");
        }
        fixProblem("lock ordering", result.ordered()).ifPresent(problems::add);
        fixProblem("timed tryLock", result.tryLock()).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            return Verdict.fail(String.join("; ", problems), findings);
        }
        return Verdict.pass(String.format("deadlock found in %.1f ms: %s; tasks interrupted and exited;"
                        + " fixed: lock ordering and tryLock (%d retries) finished, no deadlock found",
                d.nanos() / 1e6, String.join("; ", d.cycle()), result.tryLockRetries()), findings);
    }

    private static Optional<String> fixProblem(String fix, Fix ran) {
        if (!ran.deadlock().isEmpty()) {
            return Optional.of(fix + " deadlocked: " + String.join("; ", ran.deadlock()));
        }
        return ran.finished() ? Optional.empty() : Optional.of(fix + " did not finish");
    }
}
