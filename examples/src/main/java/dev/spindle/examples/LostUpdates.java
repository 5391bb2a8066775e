package dev.spindle.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Teaches the data race and three fixes. {@code count++} is three steps (read, add, write); when
 * two threads read the same value, both write the same next value and one increment is lost.
 * Making the field {@code volatile} does not help: each read and write is visible, but the three
 * steps are still three. A lock makes them one; {@link AtomicLong} does them as one hardware
 * instruction; {@link LongAdder} gives each contending thread its own cell and sums the cells when
 * read.
 *
 * <p>The race is likely to lose updates but not certain to: a run can come out exact (the threads
 * happened not to overlap, or the JIT turned the plain loop into one addition), and that is why a
 * race is a bug even when a test passes. So a racy counter is run again while it comes out exact,
 * a few times at most, and the example prints what it got and asserts nothing about it.
 *
 * <p>Seed: the parallel-programming chapter's {@code counter += 1} in two threads and its fix
 * with {@code threading.Lock}.
 */
public final class LostUpdates {

    static final Example EXAMPLE = new Example("lost-updates",
            "count++ from several threads loses updates, volatile or not; a lock, AtomicLong and LongAdder do not",
            () -> run(System.out));

    private static final int THREADS = 4;
    private static final int INCREMENTS = 250_000;
    private static final int MAX_RUNS = 10; // how often a racy counter may be run until it shows the race

    /**
     * How one counter came out.
     *
     * @param runs how many times it was run: the racy counters run again while they come out exact
     */
    public record Tally(String counter, long expected, long actual, int runs) {
        public long lost() {
            return expected - actual;
        }
    }

    /** The bug: no synchronisation at all. */
    private static final class PlainCounter {
        long count;
    }

    /** The same bug: volatile makes each read and write visible, but count++ is still three steps. */
    private static final class VolatileCounter {
        volatile long count;
    }

    /** The classic fix: every read-add-write under one lock. */
    private static final class LockedCounter {
        private final ReentrantLock lock = new ReentrantLock();
        private long count; // guarded by lock

        void increment() {
            lock.lock();
            try {
                count++;
            } finally {
                lock.unlock();
            }
        }

        long get() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }

    private LostUpdates() {}

    public static List<Tally> run(PrintStream out) throws InterruptedException {
        long expected = (long) THREADS * INCREMENTS;
        out.println(THREADS + " threads x " + INCREMENTS + " increments each: expected " + expected);

        PlainCounter plain = new PlainCounter();
        VolatileCounter shared = new VolatileCounter();
        LockedCounter locked = new LockedCounter();
        AtomicLong atomic = new AtomicLong();
        LongAdder adder = new LongAdder();
        List<Tally> tallies = List.of(
                tally("count++", () -> plain.count++, () -> plain.count, MAX_RUNS),
                tally("volatile count++", () -> shared.count++, () -> shared.count, MAX_RUNS),
                tally("ReentrantLock", locked::increment, locked::get, 1),
                tally("AtomicLong", atomic::incrementAndGet, atomic::get, 1),
                tally("LongAdder", adder::increment, adder::sum, 1));

        for (Tally tally : tallies) {
            out.printf("  %-17s %8d  %s%n", tally.counter(), tally.actual(), verdict(tally));
        }
        out.println("Lost updates are likely, not certain: a racy run can come out exact,"
                + " so a test that passes proves nothing.");
        return tallies;
    }

    /** Counts what arrives of a run's increments; while nothing is lost, runs again, up to {@code maxRuns} runs. */
    private static Tally tally(String name, Runnable increment, LongSupplier count, int maxRuns) throws InterruptedException {
        long expected = (long) THREADS * INCREMENTS;
        for (int run = 1; ; run++) {
            long before = count.getAsLong();
            incrementTogether(increment);
            long counted = count.getAsLong() - before;
            if (counted != expected || run == maxRuns) {
                return new Tally(name, expected, counted, run);
            }
        }
    }

    /** Calls {@code increment} {@link #INCREMENTS} times in each of {@link #THREADS} threads, all at once. */
    private static void incrementTogether(Runnable increment) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1); // released together, so the threads overlap
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return; // interrupted before the start: count nothing
                }
                for (int k = 0; k < INCREMENTS; k++) {
                    increment.run();
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(); // after join, every thread's last write is visible, racy or not
        }
    }

    private static String verdict(Tally tally) {
        if (tally.lost() == 0) {
            return tally.runs() == 1 ? "exact" : "exact " + tally.runs() + " runs in a row: lucky";
        }
        return "lost " + tally.lost() + " updates" + (tally.runs() == 1 ? "" : " (on run " + tally.runs() + ")");
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }
}
