package dev.spindle.lab.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Finds deadlocks among {@link NamedLock}s by walking their wait-for graph, on every kind of
 * thread: platform, virtual, fork/join workers, the {@code gil} strategy's workers.
 *
 * <h2>Why the locks keep their own graph</h2>
 * The JDK's detector, {@code ThreadMXBean.findDeadlockedThreads()}, sees platform threads only:
 * virtual threads are not reported by {@code ThreadMXBean}, so a cycle among them is invisible to
 * it. The lab's locks record the two kinds of edge themselves, and this class walks them.
 *
 * <h2>The graph</h2>
 * <pre>
 *   thread ──waits for──▶ lock     a {@link Wait} in {@link #waits}, put by the thread before it
 *                                  blocks on the lock, removed once it has the lock or gave up
 *   lock ──held by──▶ thread       the lock's {@link NamedLock.Hold}, set by the thread after it
 *                                  acquired the lock, cleared before it releases it
 * </pre>
 * A deadlock is a cycle T1 → L1 → T2 → L2 → … → T1: each thread waits for a lock the next one
 * holds, so none can move until one is interrupted. A wait with a timeout
 * ({@code tryLock(time, unit)}) ends by itself, so a cycle through one is not a deadlock and is
 * not reported.
 *
 * <h2>Reading a graph that moves</h2>
 * The records are read one at a time while threads lock and unlock, so a walk can string
 * together edges that never existed at the same instant: T1 waited for B while T2 held it; then T2
 * released B, T1 took it, and now T2 waits for A, which T1 holds. The walk reads T1 → B → T2 → A
 * → T1: a cycle on paper, none in fact. So a cycle found by a walk is confirmed by reading each of
 * its records again. Every record is a fresh object for each wait and each holding, never
 * reused, so finding the very same object on the second read means that it was in place for the
 * whole time between its two reads. All first reads come before all second reads, so there is an
 * instant at which every edge of the cycle held at once; and a thread inside a lock call runs no
 * code that could release what it holds, so from that instant on the cycle cannot break unless a
 * thread of it is interrupted. The confirmation of a real deadlock never fails, since its
 * records no longer change.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A thread withdraws its wait before it sets its hold, and a reentrant acquisition records
 *       no wait, so no thread is seen waiting for a lock that it holds.</li>
 *   <li>A thread has at most one wait at a time, and only it puts or removes its wait.</li>
 *   <li>A hold is set only by a thread that is not waiting; so a cycle is always closed by a
 *       thread beginning to wait, and the count of {@link #waitsBegun} is all that
 *       {@link #awaitDeadlock} needs to watch: it looks again each time the count moves, and never
 *       polls.</li>
 * </ul>
 *
 * <p>Nulls are refused everywhere.
 */
final class WaitForGraph {

    /** One thread's wait for one lock, from before it blocks until it has the lock or gave up; compared by identity. */
    static final class Wait {
        final Thread thread;
        final NamedLock lock;
        final boolean timed;

        private Wait(Thread thread, NamedLock lock, boolean timed) {
            this.thread = thread;
            this.lock = lock;
            this.timed = timed;
        }
    }

    /**
     * A confirmed deadlock: the threads of the cycle in order, each waiting for a lock that the
     * next one holds. It starts with the thread that holds the lock whose name comes first, so the
     * same deadlock reads the same in every run.
     *
     * @param links one per thread of the cycle
     */
    record Deadlock(List<Link> links) {

        /**
         * One thread of the cycle.
         *
         * @param thread   the thread
         * @param holds    the lock it holds that the previous thread of the cycle waits for
         * @param waitsFor the lock it waits for
         * @param heldBy   the thread that holds {@code waitsFor}: the next one of the cycle
         */
        record Link(Thread thread, NamedLock holds, NamedLock waitsFor, Thread heldBy) {
            @Override
            public String toString() {
                return label(thread) + " holds " + holds.name() + ", waits for " + waitsFor.name() + " held by " + label(heldBy);
            }
        }

        Deadlock {
            links = List.copyOf(links);
        }

        /** One line per thread, such as {@code worker-1 (#31) holds lock-A, waits for lock-B held by worker-2 (#32)}. */
        List<String> lines() {
            return links.stream().map(Link::toString).toList();
        }

        @Override
        public String toString() {
            return String.join("; ", lines());
        }
    }

    /** Sees each edge a walk reads; for tests, to move threads between two reads. */
    @FunctionalInterface
    interface WalkObserver {
        void read(Thread thread, NamedLock waitsFor, Thread heldBy);
    }

    private final Map<Thread, Wait> waits = new ConcurrentHashMap<>();
    private final Object changes = new Object();
    private long waitsBegun; // guarded by changes
    private final WalkObserver observer;

    WaitForGraph() {
        this((thread, waitsFor, heldBy) -> {});
    }

    /** A graph whose walks tell {@code observer} each edge they read, just after reading it. */
    WaitForGraph(WalkObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** A new lock whose waits this graph records. */
    NamedLock newLock(String name) {
        return new NamedLock(name, this);
    }

    /** Called by the current thread just before it blocks on {@code lock}. */
    Wait beginWait(NamedLock lock, boolean timed) {
        Wait wait = new Wait(Thread.currentThread(), lock, timed);
        Wait earlier = waits.putIfAbsent(wait.thread, wait);
        if (earlier != null) {
            throw new IllegalStateException(label(wait.thread) + " waits for " + lock.name()
                    + " while it still waits for " + earlier.lock.name());
        }
        wake();
        return wait;
    }

    /** Called by the waiting thread once it has the lock or has given up, before it sets its hold. */
    void endWait(Wait wait) {
        waits.remove(wait.thread, wait);
    }

    private void wake() {
        synchronized (changes) {
            waitsBegun++;
            changes.notifyAll();
        }
    }

    /** The lock {@code thread} waits for now, if it waits for one of this graph's locks. */
    Optional<NamedLock> waitingFor(Thread thread) {
        Wait wait = waits.get(Objects.requireNonNull(thread, "thread"));
        return wait == null ? Optional.empty() : Optional.of(wait.lock);
    }

    /**
     * Walks the graph once from every waiting thread and returns the first cycle of untimed waits
     * that is confirmed (see "Reading a graph that moves").
     */
    Optional<Deadlock> findDeadlock() {
        for (Thread start : waits.keySet()) {
            Optional<Deadlock> found = cycleFrom(start);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Looks for a deadlock now and again each time a thread begins to wait, until one is found or
     * {@code within} has passed.
     *
     * @throws InterruptedException if the caller is interrupted while it waits
     */
    Optional<Deadlock> awaitDeadlock(Duration within) throws InterruptedException {
        return awaitDeadlock(within, new CompletableFuture<>());
    }

    /**
     * As {@link #awaitDeadlock(Duration)}, but gives up as soon as {@code done} completes: when the
     * threads that could deadlock have finished, there is nothing left to find.
     *
     * @throws InterruptedException if the caller is interrupted while it waits
     */
    Optional<Deadlock> awaitDeadlock(Duration within, CompletableFuture<?> done) throws InterruptedException {
        Objects.requireNonNull(done, "done");
        done.whenComplete((result, failure) -> wake());
        return await(this::findDeadlock, within, done);
    }

    /**
     * Waits until {@code thread} waits for one of this graph's locks, or {@code within} has passed.
     *
     * @return the lock it waits for, or empty if it did not begin to wait in time
     * @throws InterruptedException if the caller is interrupted while it waits
     */
    Optional<NamedLock> awaitWaiting(Thread thread, Duration within) throws InterruptedException {
        Objects.requireNonNull(thread, "thread");
        return await(() -> waitingFor(thread), within, new CompletableFuture<>());
    }

    /** Asks {@code look} now and after each wait begun, until it finds something, {@code done} completes or time is up. */
    private <T> Optional<T> await(Supplier<Optional<T>> look, Duration within, CompletableFuture<?> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long seen;
            synchronized (changes) {
                seen = waitsBegun;
            }
            Optional<T> found = look.get();
            if (found.isPresent() || done.isDone()) {
                return found;
            }
            synchronized (changes) {
                while (waitsBegun == seen && !done.isDone()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return Optional.empty();
                    }
                    TimeUnit.NANOSECONDS.timedWait(changes, left);
                }
            }
        }
    }

    /** Follows thread → lock it waits for → that lock's holder → … from {@code start}; confirms a cycle it closes. */
    private Optional<Deadlock> cycleFrom(Thread start) {
        List<Wait> waitsRead = new ArrayList<>();
        List<NamedLock.Hold> holdsRead = new ArrayList<>();
        Map<Thread, Integer> position = new HashMap<>();
        Thread thread = start;
        while (true) {
            Wait wait = waits.get(thread);
            if (wait == null || wait.timed) {
                return Optional.empty();
            }
            NamedLock.Hold hold = wait.lock.hold();
            if (hold == null) {
                return Optional.empty();
            }
            observer.read(thread, wait.lock, hold.owner);
            position.put(thread, waitsRead.size());
            waitsRead.add(wait);
            holdsRead.add(hold);
            Integer closesAt = position.get(hold.owner);
            if (closesAt != null) {
                return confirmed(waitsRead.subList(closesAt, waitsRead.size()), holdsRead.subList(closesAt, holdsRead.size()));
            }
            thread = hold.owner;
        }
    }

    /** The cycle, if every record of it is still the very object the walk read. */
    private Optional<Deadlock> confirmed(List<Wait> cycleWaits, List<NamedLock.Hold> cycleHolds) {
        for (int i = 0; i < cycleWaits.size(); i++) {
            Wait wait = cycleWaits.get(i);
            if (waits.get(wait.thread) != wait || wait.lock.hold() != cycleHolds.get(i)) {
                return Optional.empty();
            }
        }
        int n = cycleWaits.size();
        List<Deadlock.Link> links = IntStream.range(0, n)
                .mapToObj(i -> new Deadlock.Link(cycleWaits.get(i).thread, cycleWaits.get((i + n - 1) % n).lock,
                        cycleWaits.get(i).lock, cycleHolds.get(i).owner))
                .toList();
        int first = IntStream.range(0, n).boxed()
                .min(Comparator.comparing((Integer i) -> links.get(i).holds().name())
                        .thenComparingLong(i -> links.get(i).thread().threadId()))
                .orElseThrow();
        List<Deadlock.Link> rotated = new ArrayList<>(links.subList(first, n));
        rotated.addAll(links.subList(0, first));
        return Optional.of(new Deadlock(rotated));
    }

    /** A thread as reports name it: its name (or its kind, if unnamed) and its id, since pools may repeat names. */
    static String label(Thread thread) {
        String name = thread.getName();
        if (name.isEmpty()) {
            name = thread.isVirtual() ? "virtual thread" : "thread";
        }
        return name + " (#" + thread.threadId() + ")";
    }
}
