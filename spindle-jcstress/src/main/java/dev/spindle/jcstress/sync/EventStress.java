package dev.spindle.jcstress.sync;

import dev.spindle.sync.Event;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

import java.time.Duration;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link Event}: the flag is a volatile written under the event's lock, so {@code set()}
 * publishes what its thread wrote before it; a waiter already parked when {@code set()} comes
 * returns even if {@code clear()} follows at once (the generation rule in the class's javadoc).
 *
 * <p>Results are ints: 1 = true, 0 = false.
 */
public final class EventStress {

    private EventStress() {}

    /** One thread writes a value and sets the event; another looks with {@code await(0)}. */
    @JCStressTest
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "saw the event set, and with it the write made before set()")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "looked before set(): not set, nothing written yet")
    @Outcome(id = "0, 42", expect = ACCEPTABLE, desc = "looked between the write and set(): the write raced ahead of the flag")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "saw the event set but not the write made before set(): set() did not publish it")
    @Outcome(expect = FORBIDDEN, desc = "a value that was never written")
    @State
    public static class SetPublishesWrites {
        private final Event event = new Event();
        private int data;

        @Actor
        public void setter() {
            data = 42;
            event.set();
        }

        @Actor
        public void looker(II_Result r) {
            r.r1 = Blocking.uninterrupted(() -> event.await(Duration.ZERO)) ? 1 : 0;
            r.r2 = data;
        }
    }

    /**
     * A waiter is parked in {@code await} when another thread calls {@code set()} and at once
     * {@code clear()}. The waiter must return {@code true}: the generation it started in ended.
     *
     * <p>The setter watches the waiter's thread until it is parked ({@code TIMED_WAITING} can
     * only be the condition wait, which starts after the waiter read its generation); the
     * waiter's timeout only bounds a failure. r1: the waiter's {@code await} returned true;
     * r2: the setter saw the waiter parked before it set (0 = it gave up after a second).
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the parked waiter returned although clear() followed set() at once")
    @Outcome(id = "0, 1", expect = FORBIDDEN, desc = "the parked waiter missed the set() because clear() came first: the generation rule broke")
    @Outcome(id = ".*, 0", expect = ACCEPTABLE_INTERESTING,
            desc = "harness only: the waiter was not seen parked within a second, so the race under test did not happen")
    @State
    public static class SetThenClearReleasesParkedWaiter {
        private static final Duration WAITER_GIVES_UP = Duration.ofSeconds(10);
        private static final long SETTER_GIVES_UP_NANOS = Duration.ofSeconds(1).toNanos();

        private final Event event = new Event();
        private volatile Thread waiter;

        @Actor
        public void waiter(II_Result r) {
            waiter = Thread.currentThread();
            r.r1 = Blocking.uninterrupted(() -> event.await(WAITER_GIVES_UP)) ? 1 : 0;
        }

        @Actor
        public void setter(II_Result r) {
            r.r2 = waitUntilParked() ? 1 : 0;
            event.set();
            event.clear();
        }

        private boolean waitUntilParked() {
            long start = System.nanoTime();
            while (System.nanoTime() - start < SETTER_GIVES_UP_NANOS) {
                Thread thread = waiter;
                if (thread != null && thread.getState() == Thread.State.TIMED_WAITING) {
                    return true;
                }
                Thread.onSpinWait();
            }
            return false;
        }
    }

    /**
     * One thread sets the event and reads it, another clears it and reads it; the arbiter reads
     * the final state. r1, r2: what each actor read after its own write; r3: the final flag.
     */
    @JCStressTest
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "set, its read, then clear and its read: the flag ends lowered")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "clear, its read, then set and its read: the flag ends raised")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "set, then clear before the setter read: both read it lowered")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "clear, then set before the clearer read: both read it raised")
    @Outcome(id = "0, .*, 1", expect = FORBIDDEN, desc = "the flag ended raised, so set() came last, yet its own thread read it lowered")
    @Outcome(id = ".*, 1, 0", expect = FORBIDDEN, desc = "the flag ended lowered, so clear() came last, yet its own thread read it raised")
    @Outcome(expect = FORBIDDEN, desc = "reads no order of the two writes explains")
    @State
    public static class SetRacingClear {
        private final Event event = new Event();

        @Actor
        public void setter(III_Result r) {
            event.set();
            r.r1 = event.isSet() ? 1 : 0;
        }

        @Actor
        public void clearer(III_Result r) {
            event.clear();
            r.r2 = event.isSet() ? 1 : 0;
        }

        @Arbiter
        public void last(III_Result r) {
            r.r3 = event.isSet() ? 1 : 0;
        }
    }
}
