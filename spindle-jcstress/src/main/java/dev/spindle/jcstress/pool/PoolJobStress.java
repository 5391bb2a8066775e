package dev.spindle.jcstress.pool;

import dev.spindle.Pool;
import dev.spindle.Task;
import dev.spindle.spi.Job;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;
import org.openjdk.jcstress.infra.results.LLLL_Result;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The life cycle of one task in a pool: a worker starting and finishing it races a user
 * cancelling it and a {@code closeNow()}.
 *
 * <p>Only the public API and the SPI are used (a {@link HoldingBackend} keeps the dispatched
 * {@link Job}; actors call it as a backend would), never core's internals, so these tests keep
 * their meaning when the job's state machine is rewritten. What they check is the contract:
 * <ul>
 *   <li>the future ends with the value or cancelled, and the task body ran at most once;</li>
 *   <li>a {@link dev.spindle.TaskListener} sees exactly one terminal event (finished, failed or
 *       cancelled), after {@code Started} if there is one: {@link dev.spindle.TaskEvent} promises
 *       "submitted, started, then one of finished, failed or cancelled";</li>
 *   <li>{@code runHere} returns with the worker thread's interrupt status clear, even when a
 *       {@code cancel(true)} interrupted the task;</li>
 *   <li>{@code closeNow()} reports a task as never run exactly when it did not run.</li>
 * </ul>
 * The event column is the listener's trail in arrival order (the {@code Submitted} event is
 * emitted before the listener is added, so it is not in it).
 *
 * <h2>What these tests found</h2>
 * Against core as of commit {@code 0b08d9f} they found two breaches of the contract, since
 * fixed in {@code PoolJob}; their outcomes stay {@code FORBIDDEN}, so a regression shows:
 * <ol>
 *   <li><b>A repeated cancel emitted a second {@code Cancelled}</b>, since
 *       {@link CompletableFuture#cancel} also answers true for a future already cancelled
 *       ({@link TwoCancelsOneEvent}; {@code closeNow} did it to every task it returned).</li>
 *   <li><b>{@code Cancelled} could reach listeners before {@code Started}</b>, and a task could
 *       run although its future was cancelled while it waited: a cancel completed the future
 *       before it moved the job out of {@code QUEUED}. Now a cancel moves a waiting job first,
 *       and a worker reports {@code Started} in a {@code STARTING} state during which a cancel
 *       only marks the job, to be reported after {@code Started}, and the task never runs.</li>
 * </ol>
 */
public final class PoolJobStress {

    private PoolJobStress() {}

    /** A pool over a {@link HoldingBackend} with one task submitted and a listener added. */
    abstract static class OneHeldTask {
        final HoldingBackend backend = new HoldingBackend();
        final Pool pool = Pool.using(backend);
        final EventTrail trail = new EventTrail();
        volatile boolean ran;
        final Task<String> task = () -> {
            ran = true;
            return Observed.VALUE;
        };
        final CompletableFuture<String> future = pool.submit(task);
        final Job job = backend.job();

        OneHeldTask() {
            pool.listen(trail);
        }
    }

    /**
     * (a) A worker runs the job with {@code runHere} while the user calls {@code cancel(true)}.
     * r1: the future; r2: the body; r3: the events; r4: the worker thread's interrupt status
     * when {@code runHere} returned.
     */
    @JCStressTest
    @Outcome(id = "value, ran, Started Finished, clean", expect = ACCEPTABLE,
            desc = "the task finished first; the cancel found it done and returned false")
    @Outcome(id = "cancelled, never ran, Cancelled, clean", expect = ACCEPTABLE,
            desc = "the cancel came first; runHere declined the job")
    @Outcome(id = "cancelled, never ran, Started Cancelled, clean", expect = ACCEPTABLE_INTERESTING,
            desc = "the cancel came while the worker reported Started: the worker reports the cancel after it and never runs the task")
    @Outcome(id = "cancelled, ran, Started Cancelled, clean", expect = ACCEPTABLE_INTERESTING,
            desc = "the cancel came while the task ran: its result dropped, the interrupt cleared before runHere returned")
    @Outcome(id = "cancelled, ran, Cancelled Started, clean", expect = FORBIDDEN,
            desc = "Cancelled reached the listener before Started: the cancel completed the future and emitted "
                    + "Cancelled before it moved the job out of QUEUED, and the worker started the job in between")
    @Outcome(id = ".*, interrupt leaked", expect = FORBIDDEN,
            desc = "runHere returned with the cancel's interrupt still set: it would hit the worker's next job")
    @Outcome(expect = FORBIDDEN, desc = "no terminal event or two, a value after a cancel, or a body run twice")
    @State
    public static class RunHereRacingCancel extends OneHeldTask {

        @Actor
        public void worker(LLLL_Result r) {
            job.runHere("worker");
            r.r4 = Observed.interruptStatus();
        }

        @Actor
        public void user() {
            future.cancel(true);
        }

        @Arbiter
        public void outcome(LLLL_Result r) {
            r.r1 = Observed.future(future);
            r.r2 = Observed.body(ran);
            r.r3 = trail.toString();
        }
    }

    /**
     * (b) A remote backend starts the job ({@code start} with a canceller) and reports success
     * ({@code succeed}) while the user calls {@code cancel(true)}. r1: what {@code start}
     * returned; r2: the future; r3: the events; r4: how often the canceller was called.
     */
    @JCStressTest
    @Outcome(id = "started, value, Started Finished, canceller not called", expect = ACCEPTABLE,
            desc = "the job succeeded first; the cancel found it done")
    @Outcome(id = "declined, cancelled, Cancelled, canceller not called", expect = ACCEPTABLE,
            desc = "the cancel came first; start returned false, so the backend never ran it")
    @Outcome(id = "declined, cancelled, Started Cancelled, canceller not called", expect = ACCEPTABLE_INTERESTING,
            desc = "the cancel came while start reported Started: start reported the cancel after it and returned false")
    @Outcome(id = "started, cancelled, Started Cancelled, canceller called", expect = ACCEPTABLE,
            desc = "the cancel came while the job ran: the canceller was asked to stop the remote work, succeed was ignored")
    @Outcome(id = "started, cancelled, Started Cancelled, canceller not called", expect = ACCEPTABLE_INTERESTING,
            desc = "succeed had claimed the job but not yet completed the future: the cancel won the future, "
                    + "found nothing left to stop, and the result was dropped")
    @Outcome(id = "started, cancelled, Cancelled Started, .*", expect = FORBIDDEN,
            desc = "Cancelled reached the listener before Started: the cancel completed the future and emitted "
                    + "Cancelled before it moved the job out of QUEUED, and start claimed the job in between")
    @Outcome(expect = FORBIDDEN,
            desc = "no terminal event or two, a canceller called for a job that never started or called twice, or a value after a cancel")
    @State
    public static class RemoteSucceedRacingCancel extends OneHeldTask {
        private final AtomicInteger cancellerCalls = new AtomicInteger();

        @Actor
        public void backend(LLLL_Result r) {
            boolean started = job.start("remote", cancellerCalls::incrementAndGet);
            r.r1 = started ? "started" : "declined";
            if (started) {
                job.succeed(Observed.VALUE);
            }
        }

        @Actor
        public void user() {
            future.cancel(true);
        }

        @Arbiter
        public void outcome(LLLL_Result r) {
            r.r2 = Observed.future(future);
            r.r3 = trail.toString();
            int calls = cancellerCalls.get();
            r.r4 = calls == 0 ? "canceller not called" : calls == 1 ? "canceller called" : "canceller called " + calls + " times";
        }
    }

    /**
     * Two users cancel the same waiting job. Both calls return {@code true}, as
     * {@link CompletableFuture#cancel} does once the future is cancelled, whoever cancelled it;
     * but the task was cancelled once, so the listener must see one {@code Cancelled}. r1, r2:
     * what each cancel returned; r3: the events; r4: what a worker then reaching the job did.
     */
    @JCStressTest
    @Outcome(id = "true, true, Cancelled, never ran", expect = ACCEPTABLE,
            desc = "one cancellation, one event, and the worker declined the job")
    @Outcome(id = "true, true, Cancelled Cancelled, never ran", expect = FORBIDDEN,
            desc = "two Cancelled events for one task: PoolJob.cancel takes super.cancel returning true as its own win, "
                    + "but CompletableFuture.cancel also returns true when the future was already cancelled")
    @Outcome(expect = FORBIDDEN, desc = "a cancel that failed on a waiting job, no event, or a worker that ran a cancelled job")
    @State
    public static class TwoCancelsOneEvent extends OneHeldTask {

        @Actor
        public void user1(LLLL_Result r) {
            r.r1 = Boolean.toString(future.cancel(true));
        }

        @Actor
        public void user2(LLLL_Result r) {
            r.r2 = Boolean.toString(future.cancel(true));
        }

        @Arbiter
        public void outcome(LLLL_Result r) {
            r.r3 = trail.toString();
            job.runHere("worker");
            r.r4 = Observed.body(ran);
        }
    }

    /**
     * (c) A worker runs the job ({@code run}, as a JDK executor would) while the pool is closed
     * with {@code closeNow()}. r1: the future; r2: the body; r3: the events; r4: whether
     * {@code closeNow} returned the task as never run; r5: the worker thread's interrupt status.
     */
    @JCStressTest
    @Outcome(id = "cancelled, never ran, Cancelled, returned, clean", expect = ACCEPTABLE,
            desc = "closeNow came first: it cancelled the waiting job and reported it never ran; run declined it")
    @Outcome(id = "value, ran, Started Finished, not returned, clean", expect = ACCEPTABLE,
            desc = "the task finished first; closeNow had nothing left to cancel")
    @Outcome(id = "cancelled, never ran, Started Cancelled, returned, clean", expect = ACCEPTABLE_INTERESTING,
            desc = "closeNow came while the worker reported Started: the task never runs, and closeNow returns it")
    @Outcome(id = "cancelled, ran, Started Cancelled, not returned, clean", expect = ACCEPTABLE_INTERESTING,
            desc = "closeNow cancelled the running task and interrupted it; run cleared the interrupt")
    @Outcome(id = "cancelled, never ran, Cancelled Cancelled, returned, clean", expect = FORBIDDEN,
            desc = "two Cancelled events: closeNow cancels the waiting job, then cancel(true)s every unfinished job "
                    + "it listed, and a repeated cancel emits Cancelled again (see TwoCancelsOneEvent)")
    @Outcome(id = "cancelled, ran, Cancelled Started, not returned, clean", expect = FORBIDDEN,
            desc = "Cancelled reached the listener before Started: closeNow's cancel completed the future and "
                    + "emitted Cancelled while the worker was between starting the job and reporting Started")
    @Outcome(id = ".*, ran, .*, returned, .*", expect = FORBIDDEN, desc = "the task ran, yet closeNow reported it never ran")
    @Outcome(id = ".*, never ran, .*, not returned, .*", expect = FORBIDDEN, desc = "the task never ran and closeNow did not return it: lost")
    @Outcome(id = ".*, interrupt leaked", expect = FORBIDDEN, desc = "run returned with closeNow's interrupt still set")
    @Outcome(expect = FORBIDDEN, desc = "no terminal event or two, or a future not done after closeNow")
    @State
    public static class RunRacingCloseNow extends OneHeldTask {

        @Actor
        public void worker(LLLLL_Result r) {
            job.run();
            r.r5 = Observed.interruptStatus();
        }

        @Actor
        public void closer(LLLLL_Result r) {
            List<Task<?>> neverRan = pool.closeNow();
            r.r4 = neverRan.isEmpty() ? "not returned" : neverRan.equals(List.of(task)) ? "returned" : "returned " + neverRan;
        }

        @Arbiter
        public void outcome(LLLLL_Result r) {
            r.r1 = Observed.future(future);
            r.r2 = Observed.body(ran);
            r.r3 = trail.toString();
        }
    }
}
