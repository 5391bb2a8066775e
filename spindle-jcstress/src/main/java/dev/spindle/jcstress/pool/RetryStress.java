package dev.spindle.jcstress.pool;

import dev.spindle.Pool;
import dev.spindle.Task;
import dev.spindle.WorkerLostException;
import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The retry of an idempotent task whose worker was lost, racing a cancel: the review of the
 * hardened core found that the retry could leave a cancelled task with no terminal event, or
 * start it again after its future was cancelled.
 */
public final class RetryStress {

    private RetryStress() {}

    /** Keeps the job of its latest dispatch, so that a retry can be taken by the arbiter. */
    static final class RedispatchingBackend implements Backend {
        volatile Job latest;
        volatile int dispatches;

        @Override
        public String name() {
            return "redispatching";
        }

        @Override
        public int parallelism() {
            return 1;
        }

        @Override
        public void dispatch(Job job) {
            latest = job;
            dispatches++; // one dispatching thread at a time in this test
        }

        @Override
        public void shutdown() {}

        @Override
        public void shutdownNow() {}

        @Override
        public boolean awaitTermination(Duration timeout) {
            return true;
        }
    }

    /**
     * A remote worker running an idempotent task reports it lost while the user cancels it; then
     * a worker reaches the job again (if it was sent again). r1: the future; r2: the events;
     * r3: whether the task's body ran on that later worker.
     */
    @JCStressTest
    @Outcome(id = "cancelled, Submitted Started Cancelled, never ran", expect = ACCEPTABLE,
            desc = "the cancel came before the loss was reported: nothing was sent again")
    @Outcome(id = "cancelled, Submitted Started Retrying Cancelled, never ran", expect = ACCEPTABLE,
            desc = "the loss was reported first: the task was sent again, and the cancel stopped it before it ran")
    @Outcome(id = "cancelled, Submitted Started Cancelled Retrying, never ran", expect = ACCEPTABLE_INTERESTING,
            desc = "the retry's event raced the cancel's and came after it (TaskEvent.Retrying allows it); the task did not run again")
    @Outcome(expect = FORBIDDEN, desc = "no terminal event or two, or the task run again after its future was cancelled")
    @State
    public static class LostWorkerRacingCancel {
        final RedispatchingBackend backend = new RedispatchingBackend();
        final Pool pool = Pool.using(backend);
        final EventTrail trail = new EventTrail();
        volatile boolean ranAgain;
        final CompletableFuture<String> future;
        final Job job;

        public LostWorkerRacingCancel() {
            pool.listen(trail);
            future = pool.submit(Task.idempotent(() -> {
                ranAgain = true;
                return Observed.VALUE;
            }));
            job = backend.latest;
            job.start("worker-1", () -> {});
        }

        @Actor
        public void worker() {
            job.fail(new WorkerLostException("worker-1", "exited with code 137"));
        }

        @Actor
        public void user() {
            future.cancel(true);
        }

        @Arbiter
        public void outcome(LLL_Result r) {
            if (backend.dispatches > 1) {
                backend.latest.runHere("worker-2"); // a worker reaching the job that was sent again
            }
            r.r1 = Observed.future(future);
            r.r2 = trail.toString();
            r.r3 = Observed.body(ranAgain);
        }
    }
}
