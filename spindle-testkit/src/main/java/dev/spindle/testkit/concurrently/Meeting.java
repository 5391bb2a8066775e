package dev.spindle.testkit.concurrently;

/**
 * The meeting point of {@link ConcurrentThread#awaitOthers()}: a cyclic barrier that, once broken,
 * stays broken. A thread of the repetition that fails will never come, so every later meeting
 * of that repetition must fail at once too; {@code CyclicBarrier.reset()} would instead start a
 * fresh generation, and a thread arriving just after the failure would wait for ever.
 */
final class Meeting {

    private final int parties;
    private int arrived;     // guarded by this
    private long generation; // guarded by this
    private boolean broken;  // guarded by this

    Meeting(int parties) {
        this.parties = parties;
    }

    /**
     * Waits until all parties have arrived at this generation.
     *
     * @return {@code false} if the meeting is broken, now or while waiting
     */
    synchronized boolean await() throws InterruptedException {
        if (broken) {
            return false;
        }
        long mine = generation;
        if (++arrived == parties) {
            arrived = 0;
            generation++;
            notifyAll();
            return true;
        }
        while (mine == generation && !broken) {
            wait();
        }
        return mine != generation;
    }

    /** No party will come again: every waiting and later {@link #await()} returns {@code false}. */
    synchronized void breakForever() {
        broken = true;
        notifyAll();
    }
}
