package dev.spindle.jcstress.sync;

import dev.spindle.sync.BoundedSemaphore;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link BoundedSemaphore}: the bound check is part of the release's compare-and-set, so no
 * interleaving of releases and acquires can leave more permits than the bound, and one free
 * permit goes to exactly one taker.
 *
 * <p>Results are ints: for an acquire 1 = took a permit, 0 = found none; for a release 1 = gave
 * it back, 0 = refused with {@link IllegalStateException}; the arbiter's figure is
 * {@link BoundedSemaphore#availablePermits()} once both actors are done.
 */
public final class BoundedSemaphoreStress {

    private BoundedSemaphoreStress() {}

    static int release(BoundedSemaphore semaphore) {
        try {
            semaphore.release();
            return 1;
        } catch (IllegalStateException refused) {
            return 0;
        }
    }

    /** One permit out of one is taken, and two threads both try to give it back. */
    @JCStressTest
    @Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = ACCEPTABLE,
            desc = "one release gave the permit back, the other was refused: the bound of 1 held")
    @Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both releases succeeded: more permits than the bound")
    @Outcome(expect = FORBIDDEN, desc = "both refused, or a permit count that matches neither")
    @State
    public static class OneOfTwoReleasesFails {
        private final BoundedSemaphore semaphore = new BoundedSemaphore(1);

        public OneOfTwoReleasesFails() {
            semaphore.tryAcquire();
        }

        @Actor
        public void releaser1(III_Result r) {
            r.r1 = release(semaphore);
        }

        @Actor
        public void releaser2(III_Result r) {
            r.r2 = release(semaphore);
        }

        @Arbiter
        public void permits(III_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }

    /** One permit out of one is taken; one thread gives it back while another tries to take one. */
    @JCStressTest
    @Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "the release came first and the acquire took the permit it freed")
    @Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "the acquire came first and found none; the release freed it")
    @Outcome(expect = FORBIDDEN, desc = "a refused release (it was owed), or an acquire and a count that disagree")
    @State
    public static class TryAcquireRacingRelease {
        private final BoundedSemaphore semaphore = new BoundedSemaphore(1);

        public TryAcquireRacingRelease() {
            semaphore.tryAcquire();
        }

        @Actor
        public void acquirer(III_Result r) {
            r.r1 = semaphore.tryAcquire() ? 1 : 0;
        }

        @Actor
        public void releaser(III_Result r) {
            r.r2 = release(semaphore);
        }

        @Arbiter
        public void permits(III_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }

    /**
     * Every permit is free; an over-release races an acquire. The release is legal only once the
     * acquire has taken the permit, so the bound check must see the acquire's CAS or refuse.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "the acquire came first, so the release was owed and succeeded")
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "the release came first, found every permit free and was refused")
    @Outcome(id = ".*, 1, 2", expect = FORBIDDEN, desc = "the release pushed the count past the bound")
    @Outcome(expect = FORBIDDEN, desc = "the acquire failed on a free permit, or the count disagrees with the actors")
    @State
    public static class ReleaseRacingAcquireAtTheBound {
        private final BoundedSemaphore semaphore = new BoundedSemaphore(1);

        @Actor
        public void acquirer(III_Result r) {
            r.r1 = semaphore.tryAcquire() ? 1 : 0;
        }

        @Actor
        public void releaser(III_Result r) {
            r.r2 = release(semaphore);
        }

        @Arbiter
        public void permits(III_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }

    /** One free permit, two threads try to take it. */
    @JCStressTest
    @Outcome(id = {"1, 0, 0", "0, 1, 0"}, expect = ACCEPTABLE, desc = "exactly one thread took the permit")
    @Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both took the one permit")
    @Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither took the free permit (tryAcquire gave up on a lost CAS)")
    @Outcome(expect = FORBIDDEN, desc = "a permit count that disagrees with the actors")
    @State
    public static class OnePermitOneWinner {
        private final BoundedSemaphore semaphore = new BoundedSemaphore(1);

        @Actor
        public void taker1(III_Result r) {
            r.r1 = semaphore.tryAcquire() ? 1 : 0;
        }

        @Actor
        public void taker2(III_Result r) {
            r.r2 = semaphore.tryAcquire() ? 1 : 0;
        }

        @Arbiter
        public void permits(III_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }

    /**
     * A thread blocks in {@link BoundedSemaphore#acquire()} on a semaphore with no permit free;
     * the signal releases one. Whether the release lands before the acquire parks or after, the
     * acquire must return: a stuck acquirer is a lost wake-up.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the release woke the blocked acquire")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the acquire stayed blocked after the release: a lost wake-up")
    @State
    public static class AcquireWakesOnRelease {
        private final BoundedSemaphore semaphore = new BoundedSemaphore(1);

        public AcquireWakesOnRelease() {
            semaphore.tryAcquire();
        }

        @Actor
        public void acquirer() throws InterruptedException {
            semaphore.acquire();
        }

        @Signal
        public void release() {
            semaphore.release();
        }
    }
}
