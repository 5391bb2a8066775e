package dev.spindle.jcstress.sync;

import dev.spindle.sync.WorkQueue;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

import java.time.Duration;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link WorkQueue}: one lock guards the items, the unfinished count and the shut-down flag, so
 * an item is counted when it becomes visible, {@code join()} cannot return while work is
 * unfinished, and a shutdown neither drops queued items nor leaves a taker waiting.
 *
 * <p>Blocking calls are bounded ({@code poll} with a timeout) or run in jcstress's termination
 * mode, so a lost wake-up shows as a result instead of a hung run.
 */
public final class WorkQueueStress {

    private WorkQueueStress() {}

    /** What a bounded take saw: 1 = the item, 2 = {@link WorkQueue.ShutDownException}, 0 = timed out. */
    static int poll(WorkQueue<String> queue, Duration timeout) {
        try {
            return Blocking.uninterrupted(() -> queue.poll(timeout)) == null ? 0 : 1;
        } catch (WorkQueue.ShutDownException e) {
            return 2;
        }
    }

    static void put(WorkQueue<String> queue) {
        Blocking.uninterrupted(() -> {
            queue.put("item");
            return null;
        });
    }

    /**
     * One thread puts an item while another polls without waiting. r1: the poll got it; r2, r3:
     * the size and the unfinished count afterwards (a taken item stays unfinished until
     * {@code taskDone()}).
     */
    @JCStressTest
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the put came first and the poll took the item, still unfinished")
    @Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "the poll came first and found nothing; the item waits, counted")
    @Outcome(expect = FORBIDDEN, desc = "an item taken twice or lost, or counted apart from its visibility")
    @State
    public static class PutRacingPoll {
        private final WorkQueue<String> queue = new WorkQueue<>();

        @Actor
        public void producer() {
            put(queue);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = poll(queue, Duration.ZERO);
        }

        @Arbiter
        public void counts(III_Result r) {
            r.r2 = queue.size();
            r.r3 = (int) queue.unfinished();
        }
    }

    /** A take blocks on an empty queue; the signal puts an item. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the put woke the blocked take")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the take stayed blocked with an item queued: a lost wake-up")
    @State
    public static class TakeWakesOnPut {
        private final WorkQueue<String> queue = new WorkQueue<>();

        @Actor
        public void consumer() throws InterruptedException {
            queue.take();
        }

        @Signal
        public void producer() throws InterruptedException {
            queue.put("item");
        }
    }

    /**
     * Two items were put and taken. A consumer finishes them ({@code taskDone()} twice, writing a
     * result between the two) while the producer joins. r1: the join returned (0 = it timed out
     * after 5 s); r2: the unfinished count right after it returned; r3: the result it read.
     */
    @JCStressTest
    @Outcome(id = "1, 0, 42", expect = ACCEPTABLE, desc = "join returned once both items were done, and saw the consumer's result")
    @Outcome(id = "1, [12], .*", expect = FORBIDDEN, desc = "join returned while work was unfinished")
    @Outcome(id = "1, 0, 0", expect = FORBIDDEN, desc = "join returned but the write made before the last taskDone() was not visible")
    @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "join missed the last taskDone(): a lost wake-up")
    @Outcome(expect = FORBIDDEN, desc = "counts no interleaving explains")
    @State
    public static class JoinWaitsForLastTaskDone {
        private static final Duration JOIN_GIVES_UP = Duration.ofSeconds(5);

        private final WorkQueue<String> queue = new WorkQueue<>();
        private int result;

        public JoinWaitsForLastTaskDone() {
            try {
                queue.put("first");
                queue.put("second");
                queue.take();
                queue.take();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        @Actor
        public void consumer() {
            queue.taskDone();
            result = 42;
            queue.taskDone();
        }

        @Actor
        public void producer(III_Result r) {
            r.r1 = Blocking.uninterrupted(() -> queue.join(JOIN_GIVES_UP)) ? 1 : 0;
            r.r2 = (int) queue.unfinished();
            r.r3 = result;
        }
    }

    /**
     * The producer's idiom: put an item, then shut down. The consumer takes twice (each take
     * bounded at 5 s). r1, r2: what each take got: 1 = the item, 2 = shut down, 0 = timed out.
     */
    @JCStressTest
    @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the consumer got the item, then the shutdown ended its next wait")
    @Outcome(id = "2, .*", expect = FORBIDDEN, desc = "the shutdown hid the item queued before it")
    @Outcome(id = ".*, 0", expect = FORBIDDEN, desc = "a take went on waiting after the shutdown: a lost wake-up")
    @Outcome(expect = FORBIDDEN, desc = "an item that was never put")
    @State
    public static class ShutdownKeepsQueuedItems {
        private static final Duration TAKE_GIVES_UP = Duration.ofSeconds(5);

        private final WorkQueue<String> queue = new WorkQueue<>();

        @Actor
        public void producer() {
            put(queue);
            queue.shutdown();
        }

        @Actor
        public void consumer(II_Result r) {
            r.r1 = poll(queue, TAKE_GIVES_UP);
            r.r2 = poll(queue, TAKE_GIVES_UP);
        }
    }

    /**
     * A put races a shutdown; the arbiter then drains the queue. r1: the put was accepted (0 =
     * refused with {@link WorkQueue.ShutDownException}); r2: the drain: 1 = the item, 2 = shut
     * down and empty.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the put came first: the item is still delivered after the shutdown")
    @Outcome(id = "0, 2", expect = ACCEPTABLE, desc = "the shutdown came first: the put was refused, nothing queued")
    @Outcome(id = "1, 2", expect = FORBIDDEN, desc = "an accepted item was lost")
    @Outcome(expect = FORBIDDEN, desc = "a refused item was queued anyway, or the queue was not shut down")
    @State
    public static class PutRacingShutdown {
        private final WorkQueue<String> queue = new WorkQueue<>();

        @Actor
        public void producer(II_Result r) {
            try {
                put(queue);
                r.r1 = 1;
            } catch (WorkQueue.ShutDownException e) {
                r.r1 = 0;
            }
        }

        @Actor
        public void closer() {
            queue.shutdown();
        }

        @Arbiter
        public void drain(II_Result r) {
            r.r2 = poll(queue, Duration.ZERO);
        }
    }

    /** A take blocks on an empty queue; the signal shuts the queue down. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the shutdown ended the take with ShutDownException")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the take went on waiting on a shut-down queue")
    @State
    public static class TakeWakesOnShutdown {
        private final WorkQueue<String> queue = new WorkQueue<>();

        @Actor
        public void consumer() throws InterruptedException {
            try {
                queue.take();
            } catch (WorkQueue.ShutDownException expected) {
                // what a shutdown tells an idle consumer
            }
        }

        @Signal
        public void closer() {
            queue.shutdown();
        }
    }
}
