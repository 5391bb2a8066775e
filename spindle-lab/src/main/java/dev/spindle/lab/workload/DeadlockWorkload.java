package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.strategy.Strategy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A deadlock, found and cleaned up, then fixed twice (the seeds' two locks taken in opposite
 * order).
 *
 * <ol>
 *   <li><b>deadlock</b>: two tasks each take one lock ({@code lockInterruptibly}), wait until both
 *       hold theirs, then take the other's. The harness thread polls
 *       {@link ThreadMXBean#findDeadlockedThreads()} until the JVM reports the cycle (or
 *       {@code detectWithin} passes), and describes it: which thread holds which lock and waits
 *       for which. Then it cancels both tasks with interruption; {@code lockInterruptibly} throws,
 *       each task releases its lock and exits, and the workload waits for both exits, so no task
 *       is left blocked and no lock is left held.</li>
 *   <li><b>lock ordering</b>: both tasks take the locks in one global order; it cannot
 *       deadlock.</li>
 *   <li><b>timed tryLock</b>: opposite order again, and again both first hold their first lock;
 *       but the second is taken with {@code tryLock(timeout)}: on failure a task releases what it
 *       holds, backs off (for a different time per task, so the two do not retry in lockstep)
 *       and retries.</li>
 * </ol>
 * Lock waits run through {@link Gil#blocking}, as CPython releases its GIL while a thread waits
 * for a lock, so the {@code gil} strategy deadlocks on the two locks and not on the GIL.
 *
 * <p>Needs two tasks running at once: not on {@code sequential} or one worker. Not on
 * {@code virtual} either: {@code ThreadMXBean} does not report virtual threads, so the JVM's
 * deadlock detector cannot see their cycle.
 *
 * @param detectWithin how long the detector may take to find the cycle
 */
public record DeadlockWorkload(Duration detectWithin) implements Workload<DeadlockWorkload.Result> {

    private static final long TRY_LOCK_MILLIS = 10;
    private static final int MAX_ATTEMPTS = 1000;
    private static final long POLL_MILLIS = 1;

    /**
     * What the detector found.
     *
     * @param found whether the JVM reported a cycle among the two tasks' threads in time
     * @param nanos how long after both tasks started waiting it was found
     * @param cycle one line per thread of the cycle: which lock it holds and which it waits for
     */
    public record Detection(boolean found, long nanos, List<String> cycle) {}

    /**
     * The three scenarios.
     *
     * @param detection       the deadlock as detected
     * @param exited          whether both deadlocked tasks exited after the interrupt
     * @param locksFree       whether both locks were free afterwards
     * @param orderedDone     whether both tasks finished with ordered locking
     * @param tryLockDone     whether both tasks finished with timed tryLock
     * @param tryLockRetries  how many times a tryLock task gave up and retried
     */
    public record Result(Detection detection, boolean exited, boolean locksFree, boolean orderedDone,
                         boolean tryLockDone, int tryLockRetries) {}

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
    public String summary() {
        return "two locks in opposite order: deadlock found by ThreadMXBean within " + detectWithin.toMillis()
                + " ms, tasks interrupted and joined; then fixed by lock ordering and by timed tryLock";
    }

    @Override
    public Kind kind() {
        return Kind.FINDINGS;
    }

    @Override
    public Optional<String> unsupported(Strategy strategy, int workers) {
        if (strategy == Strategy.VIRTUAL) {
            return Optional.of("ThreadMXBean.findDeadlockedThreads does not see virtual threads");
        }
        if (strategy == Strategy.SEQUENTIAL || workers < 2) {
            return Optional.of("a deadlock needs two tasks running at once (2 or more workers)");
        }
        return Optional.empty();
    }

    @Override
    public Result execute(Pool pool) throws Exception {
        Cleanup deadlock = deadlock(pool);
        boolean ordered = ordered(pool);
        AtomicInteger retries = new AtomicInteger();
        boolean tryLock = tryLock(pool, retries);
        return new Result(deadlock.detection, deadlock.exited, deadlock.locksFree, ordered, tryLock, retries.get());
    }

    private record Cleanup(Detection detection, boolean exited, boolean locksFree) {}

    private Cleanup deadlock(Pool pool) throws InterruptedException {
        NamedLock a = new NamedLock("lock-A");
        NamedLock b = new NamedLock("lock-B");
        CountDownLatch holdingFirst = new CountDownLatch(2);
        Set<Long> threads = ConcurrentHashMap.newKeySet();
        AtomicIntegerArray started = new AtomicIntegerArray(2);
        CountDownLatch[] exited = {new CountDownLatch(1), new CountDownLatch(1)};
        List<CompletableFuture<Void>> futures = List.of(
                pool.run(() -> crossing(a, b, holdingFirst, threads, () -> started.set(0, 1), exited[0])),
                pool.run(() -> crossing(b, a, holdingFirst, threads, () -> started.set(1, 1), exited[1])));
        Detection detection = detect(threads, List.of(a, b));
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
    private void crossing(NamedLock first, NamedLock second, CountDownLatch holdingFirst, Set<Long> threads,
                          Runnable started, CountDownLatch exited) throws InterruptedException {
        started.run();
        try {
            threads.add(Thread.currentThread().threadId());
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

    /** Polls the JVM's deadlock detector until it reports a cycle among {@code threads}. */
    private Detection detect(Set<Long> threads, List<NamedLock> locks) throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long deadline = start + detectWithin.toNanos();
        while (System.nanoTime() < deadline) {
            long[] found = mx.findDeadlockedThreads();
            if (found != null) {
                long[] ours = Arrays.stream(found).filter(threads::contains).toArray();
                if (ours.length >= 2) {
                    return new Detection(true, System.nanoTime() - start, describe(mx, ours, locks));
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        return new Detection(false, System.nanoTime() - start, List.of());
    }

    /**
     * One line per deadlocked thread, following the cycle: the lock it holds, the lock it waits
     * for, and that lock's owner as the JVM reports it. Threads are matched by id, since pools
     * may give two threads one name; the id is printed after the name.
     */
    private static List<String> describe(ThreadMXBean mx, long[] ids, List<NamedLock> locks) {
        Map<Long, ThreadInfo> byId = new LinkedHashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(ids, true, true)) {
            if (info != null) {
                byId.put(info.getThreadId(), info);
            }
        }
        List<String> cycle = new ArrayList<>();
        Long current = byId.keySet().stream().sorted().findFirst().orElse(null);
        while (current != null && cycle.size() < byId.size()) {
            long id = current;
            ThreadInfo info = byId.get(id);
            String holds = locks.stream().filter(l -> l.owner() != null && l.owner().threadId() == id)
                    .map(NamedLock::name).findFirst().orElse("?");
            String waitsFor = locks.stream().filter(l -> l.waiters().stream().anyMatch(t -> t.threadId() == id))
                    .map(NamedLock::name).findFirst().orElse("?");
            cycle.add(label(info.getThreadName(), id) + " holds " + holds + ", waits for " + waitsFor
                    + " held by " + label(info.getLockOwnerName(), info.getLockOwnerId()));
            current = byId.containsKey(info.getLockOwnerId()) ? info.getLockOwnerId() : null;
        }
        return List.copyOf(cycle);
    }

    private static String label(String name, long id) {
        return name + " (#" + id + ")";
    }

    private boolean ordered(Pool pool) throws Exception {
        NamedLock a = new NamedLock("lock-A");
        NamedLock b = new NamedLock("lock-B");
        AtomicInteger done = new AtomicInteger();
        Runnable both = () -> {
            a.lock();
            try {
                b.lock();
                try {
                    done.incrementAndGet();
                } finally {
                    b.unlock();
                }
            } finally {
                a.unlock();
            }
        };
        return finish(List.of(pool.run(() -> Gil.blocking(() -> {
            both.run();
            return null;
        })), pool.run(() -> Gil.blocking(() -> {
            both.run();
            return null;
        })))) && done.get() == 2;
    }

    private boolean tryLock(Pool pool, AtomicInteger retries) throws Exception {
        NamedLock a = new NamedLock("lock-A");
        NamedLock b = new NamedLock("lock-B");
        CountDownLatch holdingFirst = new CountDownLatch(2);
        return finish(List.of(
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

    /** Waits for both tasks; if they do not finish in time, cancels them and says so. */
    private boolean finish(List<CompletableFuture<Void>> futures) throws Exception {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        try {
            all.get(detectWithin.toNanos() * 2, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            futures.forEach(f -> f.cancel(true));
            return false;
        }
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
        findings.put("orderedLockingFinished", result.orderedDone());
        findings.put("tryLockFinished", result.tryLockDone());
        findings.put("tryLockRetries", result.tryLockRetries());
        List<String> problems = new ArrayList<>();
        if (!d.found()) {
            problems.add("no deadlock detected within " + detectWithin.toMillis() + " ms");
        } else if (d.cycle().size() != 2 || d.cycle().stream().anyMatch(line -> line.contains("?"))
                || d.cycle().stream().noneMatch(line -> line.contains("holds lock-A"))
                || d.cycle().stream().noneMatch(line -> line.contains("holds lock-B"))) {
            problems.add("cycle not described as two threads and two locks: " + d.cycle());
        }
        if (!result.exited()) {
            problems.add("deadlocked tasks did not exit after the interrupt");
        }
        if (!result.locksFree()) {
            problems.add("a lock was left held");
        }
        if (!result.orderedDone()) {
            problems.add("lock ordering did not finish");
        }
        if (!result.tryLockDone()) {
            problems.add("timed tryLock did not finish");
        }
        if (!problems.isEmpty()) {
            return Verdict.fail(String.join("; ", problems), findings);
        }
        return Verdict.pass(String.format("deadlock found in %.1f ms: %s; tasks interrupted and exited; fixed by ordering, and by tryLock (%d retries)",
                d.nanos() / 1e6, String.join("; ", d.cycle()), result.tryLockRetries()), findings);
    }
}
