package dev.spindle.jcstress.pool;

import dev.spindle.Pool;
import dev.spindle.PoolClosedException;
import dev.spindle.Task;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;
import org.openjdk.jcstress.infra.results.LLL_Result;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Submissions racing {@code closeNow()}: the pool's registry of live jobs is how
 * {@code closeNow} finds the tasks that never ran, whatever the backend. Every submission must
 * end in exactly one of these fates, which the arbiter names for each task:
 * <ul>
 *   <li>{@code ran}: accepted and run to its value;</li>
 *   <li>{@code cancelled while running}: accepted, started, then cancelled by {@code closeNow};</li>
 *   <li>{@code returned}: accepted, never run, cancelled, and in {@code closeNow}'s list;</li>
 *   <li>{@code refused}: {@code submit} threw {@link PoolClosedException}, and the task neither
 *       ran nor was returned.</li>
 * </ul>
 * Anything else is forbidden, and named: {@code lost} (accepted, never ran, not returned),
 * {@code ran and returned}, {@code not done} (an accepted future left incomplete), and so on.
 *
 * <p>The pool runs over an {@link InlineBackend}, which runs each job inside {@code dispatch},
 * so every fate is decided before the actors finish.
 */
public final class CloseNowStress {

    private CloseNowStress() {}

    /** One task submitted by an actor, and what became of it. */
    static final class Submission {
        volatile boolean ran;
        final Task<String> task = () -> {
            ran = true;
            return Observed.VALUE;
        };
        CompletableFuture<String> future;

        /** Submits the task; a refusal leaves {@link #future} null. */
        void submitTo(Pool pool) {
            try {
                future = pool.submit(task);
            } catch (PoolClosedException refused) {
                future = null;
            }
        }

        String fate(List<Task<?>> neverRan) {
            long returned = neverRan.stream().filter(t -> t == task).count();
            if (future == null) {
                return ran || returned > 0 ? "refused yet ran or returned" : "refused";
            }
            if (returned > 1) {
                return "returned twice";
            }
            if (ran && returned == 1) {
                return "ran and returned";
            }
            if (!future.isDone()) {
                return "not done";
            }
            if (ran) {
                return future.isCancelled() ? "cancelled while running" : "ran";
            }
            if (returned == 1) {
                return future.isCancelled() ? "returned" : "returned but not cancelled";
            }
            return "lost";
        }
    }

    /**
     * One actor submits two tasks, one after the other, while the other closes the pool now
     * (two actors: runs on a 2-CPU machine). r1, r2: the fates of the first and the second
     * task; r3: the submitter's interrupt status afterwards. Once one task is refused, returned
     * or cancelled, the pool was closed before the next {@code submit} began, which must then be
     * refused.
     */
    @JCStressTest
    @Outcome(id = "ran, ran, clean", expect = ACCEPTABLE, desc = "both ran before the close")
    @Outcome(id = "ran, refused, clean", expect = ACCEPTABLE, desc = "the close came between the two submissions")
    @Outcome(id = "refused, refused, clean", expect = ACCEPTABLE, desc = "the close came first")
    @Outcome(id = "ran, (returned|cancelled while running), clean", expect = ACCEPTABLE_INTERESTING,
            desc = "the close caught the second task in flight: before it started (returned) or while it ran")
    @Outcome(id = "(returned|cancelled while running), refused, clean", expect = ACCEPTABLE_INTERESTING,
            desc = "the close caught the first task in flight, and refused the second")
    @Outcome(id = ".*lost.*", expect = FORBIDDEN, desc = "an accepted task neither ran nor was returned by closeNow")
    @Outcome(expect = FORBIDDEN,
            desc = "a task that ran and was returned, a future left not done, a submission accepted after "
                    + "the close was visible, or an interrupt left on the submitter")
    @State
    public static class SubmitsRacingCloseNow {
        private final Pool pool = Pool.using(new InlineBackend());
        private final Submission first = new Submission();
        private final Submission second = new Submission();
        private volatile List<Task<?>> neverRan;

        @Actor
        public void submitter(LLL_Result r) {
            first.submitTo(pool);
            second.submitTo(pool);
            r.r3 = Observed.interruptStatus();
        }

        @Actor
        public void closer() {
            neverRan = pool.closeNow();
        }

        @Arbiter
        public void fates(LLL_Result r) {
            r.r1 = first.fate(neverRan);
            r.r2 = second.fate(neverRan);
        }
    }

    /**
     * Two actors submit one task each while a third closes the pool now. Needs three CPUs:
     * jcstress does not schedule it on fewer. r1, r2: the two fates; r3, r4: each submitter's
     * interrupt status afterwards.
     */
    @JCStressTest
    @Outcome(id = "(ran|refused), (ran|refused), clean, clean", expect = ACCEPTABLE,
            desc = "each task ran before the close or was refused after it")
    @Outcome(id = "(ran|refused|returned|cancelled while running), (ran|refused|returned|cancelled while running), clean, clean",
            expect = ACCEPTABLE_INTERESTING, desc = "the close caught a task in flight: before it started (returned) or while it ran")
    @Outcome(id = ".*lost.*", expect = FORBIDDEN, desc = "an accepted task neither ran nor was returned by closeNow")
    @Outcome(expect = FORBIDDEN,
            desc = "a task that ran and was returned, a future left not done, or an interrupt left on a submitter")
    @State
    public static class TwoSubmittersRacingCloseNow {
        private final Pool pool = Pool.using(new InlineBackend());
        private final Submission first = new Submission();
        private final Submission second = new Submission();
        private volatile List<Task<?>> neverRan;

        @Actor
        public void submitter1(LLLL_Result r) {
            first.submitTo(pool);
            r.r3 = Observed.interruptStatus();
        }

        @Actor
        public void submitter2(LLLL_Result r) {
            second.submitTo(pool);
            r.r4 = Observed.interruptStatus();
        }

        @Actor
        public void closer() {
            neverRan = pool.closeNow();
        }

        @Arbiter
        public void fates(LLLL_Result r) {
            r.r1 = first.fate(neverRan);
            r.r2 = second.fate(neverRan);
        }
    }
}
