package dev.spindle.testkit.concurrently;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One thread of a {@link Concurrently} test, as its body sees it: a parameter of this type is
 * each thread's own. Its seed and generator derive from the run's seed, the repetition and the
 * index, so a run given the same seed hands every thread the same numbers.
 *
 * <p>Not for sharing between threads: each thread uses its own.
 */
public final class ConcurrentThread {

    private final int index;
    private final int threads;
    private final int repetition;
    private final int repeats;
    private final long seed;
    private final RandomGenerator random;
    private final Meeting others;

    ConcurrentThread(int index, int threads, int repetition, int repeats, long seed, Meeting others) {
        this.index = index;
        this.threads = threads;
        this.repetition = repetition;
        this.repeats = repeats;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.others = others;
    }

    /** This thread's index, from 0 to {@link #threads()} − 1. */
    public int index() {
        return index;
    }

    /** How many threads run the body in this repetition. */
    public int threads() {
        return threads;
    }

    /** This repetition, from 1 to {@link #repeats()}. */
    public int repetition() {
        return repetition;
    }

    /** How many repetitions the test has. */
    public int repeats() {
        return repeats;
    }

    /** This thread's seed in this repetition. */
    public long seed() {
        return seed;
    }

    /** A generator seeded with {@link #seed()}, for this thread alone. */
    public RandomGenerator random() {
        return random;
    }

    /**
     * Waits until every thread of this repetition has called this method: the point after which
     * one may check what all of them did. It may be called several times; each call is a new
     * meeting.
     *
     * @throws AssertionError       if another thread of the repetition failed, so will never come
     * @throws InterruptedException if this thread is interrupted while it waits
     */
    public void awaitOthers() throws InterruptedException {
        if (!others.await()) {
            throw new AssertionError("another thread of repetition " + repetition + " failed, so will never reach awaitOthers()");
        }
    }

    @Override
    public String toString() {
        return "thread " + index + " of " + threads + ", repetition " + repetition + " of " + repeats;
    }
}
