package dev.spindle.lab.gil;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An emulated global interpreter lock: the lab's teaching strategy, which makes Java threads
 * behave like CPython threads with a GIL.
 *
 * <h2>How it works</h2>
 * One fair {@link ReentrantLock} is the GIL. The workers of a {@link GilBackend} run tasks only
 * while they hold it (they give it up only to wait for work), so only the holder executes task
 * code; the others are parked.
 * Workloads call {@link #checkpoint()} in their hot loops, where CPython's eval loop checks its
 * "eval breaker": if another thread waits and the holder has had the lock for at least the
 * <em>switch interval</em> (5 ms by default, as {@code sys.getswitchinterval()}), the holder drops
 * the lock and queues for it again. The lock is fair, so it lands behind the waiters: a real
 * handover, not a barging re-grab. Blocking calls run through {@link #blocking}, which releases
 * the lock around the call, as CPython does around {@code time.sleep} and socket reads.
 *
 * <p>The result is the seeds' central table: CPU-bound threads take turns and never run at once
 * (speed-up about 1 at any thread count), while blocking sections overlap fully.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>At most one GIL is installed in the JVM at a time ({@link #install}); CPython has one per
 *       interpreter, and the lab has one interpreter.</li>
 *   <li>Only a thread that holds the lock is ever switched out by {@link #checkpoint()} or
 *       {@link #blocking}; on any other thread (the harness, a pool of another strategy) both are
 *       no-ops, so a stray call cannot take or lose a lock it does not own.</li>
 *   <li>{@code grantedAt} is written only by the holder, under the lock, so it needs no fence of
 *       its own.</li>
 * </ul>
 *
 * <h2>Cost when no GIL is installed</h2>
 * {@link #checkpoint()} reads one static field and finds it {@code null}. The field is plain (not
 * volatile) on purpose: a GIL is installed before its pool's tasks are submitted and removed after
 * they have finished, so the pool's own hand-off orders the write before every read that matters.
 *
 * <p>Call it between blocks of work, not inside the innermost loop: once a GIL has been active in
 * the JVM, the JIT's profile of {@code checkpoint()} says its slow path is taken, and an inner loop
 * that contains it is compiled with a call in its body, which blocks unrolling: the
 * {@code squares} loop ran about twice as slowly that way, on every strategy, after the first
 * {@code gil} run. Between blocks of 4096 iterations the call costs nothing measurable.
 */
public final class Gil {

    /** The switch interval of CPython, and of the lab unless {@code --switch-interval} says otherwise. */
    public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);

    private static final Object INSTALL_LOCK = new Object();
    private static Gil active; // plain on purpose: see "Cost when no GIL is installed"

    private final String owner;
    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicLong handoffs = new AtomicLong();
    private long grantedAt; // holder-only

    private Gil(String owner, Duration switchInterval) {
        this.owner = owner;
        this.intervalNanos = requireValidInterval(switchInterval).toNanos();
    }

    /**
     * Checks a switch interval: positive and at most one minute.
     *
     * @return the interval
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static Duration requireValidInterval(Duration switchInterval) {
        Objects.requireNonNull(switchInterval, "switchInterval");
        if (switchInterval.isNegative() || switchInterval.isZero() || switchInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("switch interval must be positive and at most 1 minute, was " + switchInterval);
        }
        return switchInterval;
    }

    /**
     * Installs the JVM's one GIL.
     *
     * @param owner what installs it, for error messages (a backend's name)
     * @throws IllegalStateException if a GIL is already installed
     * @throws IllegalArgumentException if the interval is not positive or exceeds a minute
     */
    static Gil install(String owner, Duration switchInterval) {
        Gil gil = new Gil(Objects.requireNonNull(owner, "owner"), switchInterval);
        synchronized (INSTALL_LOCK) {
            if (active != null) {
                throw new IllegalStateException("a GIL is already installed by " + active.owner
                        + "; close that pool before opening " + owner);
            }
            active = gil;
        }
        return gil;
    }

    /** Removes this GIL if it is the installed one. */
    void uninstall() {
        synchronized (INSTALL_LOCK) {
            if (active == this) {
                active = null;
            }
        }
    }

    /**
     * A point where the current thread may hand the GIL over, to be called between blocks of a few
     * hundred or thousand iterations of a hot loop (see "Cost when no GIL is installed"). Does nothing unless a GIL is installed and this thread
     * holds it; then it hands the lock over if another thread waits and the holder has had it for
     * the switch interval.
     */
    public static void checkpoint() {
        Gil gil = active;
        if (gil != null) {
            gil.switchIfDue();
        }
    }

    /**
     * Runs a blocking call with the GIL released, so that other threads run meanwhile, and takes
     * the GIL back before returning (or throwing). Without a GIL, or on a thread that does not
     * hold it, simply runs the call.
     *
     * @return what the call returns
     * @throws X what the call throws
     */
    public static <T, X extends Exception> T blocking(BlockingCall<T, X> call) throws X {
        Objects.requireNonNull(call, "call");
        Gil gil = active;
        if (gil == null || !gil.lock.isHeldByCurrentThread()) {
            return call.call();
        }
        int holds = gil.lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            gil.lock.unlock();
        }
        try {
            return call.call();
        } finally {
            for (int i = 0; i < holds; i++) {
                gil.lock.lock();
            }
            gil.granted();
        }
    }

    /** Whether a GIL is installed now. */
    public static boolean installed() {
        synchronized (INSTALL_LOCK) {
            return active != null;
        }
    }

    /** Takes the GIL: a worker does this when it starts and after each wait for a job. */
    void acquire() {
        lock.lock();
        granted();
    }

    /** Gives the GIL back: a worker does this before it waits for a job, and when it stops. */
    void release() {
        lock.unlock();
    }

    /** A thread took the GIL at {@code nanoTime} ({@link System#nanoTime()}). */
    public record HandOver(long nanoTime, String thread) {}

    /** The recordings under way: the lab's timeline of a run, and a workload's own inside it. */
    private static final java.util.concurrent.CopyOnWriteArrayList<HandOverRecording> RECORDINGS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Records every taking of the GIL, by any thread, until the recording is closed. */
    public static HandOverRecording recordHandOvers() {
        HandOverRecording r = new HandOverRecording();
        RECORDINGS.add(r);
        return r;
    }

    /** The takings of the GIL during a recording (at most {@value #MAX_RECORDED}). */
    public static final class HandOverRecording implements AutoCloseable {
        private static final int MAX_RECORDED = 100_000;
        private final java.util.concurrent.ConcurrentLinkedQueue<HandOver> taken = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final AtomicLong count = new AtomicLong();

        private HandOverRecording() {}

        private void add(HandOver h) {
            if (count.incrementAndGet() <= MAX_RECORDED) {
                taken.add(h);
            }
        }

        /** The takings so far, in time order. */
        public List<HandOver> handOvers() {
            return taken.stream().sorted(java.util.Comparator.comparingLong(HandOver::nanoTime)).toList();
        }

        @Override
        public void close() {
            RECORDINGS.remove(this);
        }
    }

    /** The current thread has just taken the lock. */
    private void granted() {
        grantedAt = System.nanoTime();
        if (!RECORDINGS.isEmpty()) {
            HandOver h = new HandOver(grantedAt, Thread.currentThread().getName());
            RECORDINGS.forEach(r -> r.add(h));
        }
    }

    /** How many times a holder handed the lock to a waiting thread at a checkpoint. */
    public long handoffs() {
        return handoffs.get();
    }

    /** The switch interval of this GIL. */
    public Duration switchInterval() {
        return Duration.ofNanos(intervalNanos);
    }

    /**
     * Hands the GIL over if this thread holds it, another waits, and the interval is up: the
     * work of a checkpoint, which workers also do between jobs.
     */
    void switchIfDue() {
        if (!lock.hasQueuedThreads() || !lock.isHeldByCurrentThread()) {
            return;
        }
        if (System.nanoTime() - grantedAt < intervalNanos) {
            return;
        }
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            lock.unlock();
        }
        handoffs.incrementAndGet();
        for (int i = 0; i < holds; i++) {
            lock.lock(); // fair: queues behind the threads already waiting
        }
        granted();
    }

    @Override
    public String toString() {
        return "Gil[" + owner + ", switch interval " + switchInterval() + ", " + handoffs() + " handoffs]";
    }
}
