package dev.spindle.examples;

import dev.spindle.sync.Event;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Teaches signalling between threads with an {@link Event}: workers block in {@code await()} until
 * the main thread calls {@code set()}, and none of them gets past it earlier. Unlike a
 * {@link CountDownLatch}, an event can be {@code clear()}ed and set again, so the same flag can
 * hold threads back a second time.
 *
 * <p>The main thread knows the workers are ready from a latch, not from a sleep: each worker
 * counts it down just before it waits.
 *
 * <p>Seed: the parallel-programming chapter's {@code threading.Event} with {@code wait()} and
 * {@code set()}.
 */
public final class StartSignal {

    static final Example EXAMPLE = new Example("start-signal",
            "an Event as a start signal: workers wait, set() releases all; clear() holds later ones back",
            () -> run(System.out));

    private static final int WORKERS = 3;

    /**
     * @param released        how many workers got past the signal
     * @param releasedEarly   how many got past it before it was set (the signal works if none)
     * @param waitAfterClear  what a timed wait returned once the event was cleared
     * @param waitAfterSetAgain what a timed wait returned once it was set again
     */
    public record Signals(int released, int releasedEarly, boolean waitAfterClear, boolean waitAfterSetAgain) {}

    private StartSignal() {}

    public static Signals run(PrintStream out) throws InterruptedException {
        Event go = new Event();
        CountDownLatch ready = new CountDownLatch(WORKERS);
        AtomicBoolean signalled = new AtomicBoolean();
        AtomicInteger released = new AtomicInteger();
        AtomicInteger releasedEarly = new AtomicInteger();

        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            String name = "w" + i;
            workers.add(Thread.ofPlatform().name(name).start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (!signalled.get()) {
                    releasedEarly.incrementAndGet();
                }
                released.incrementAndGet();
                out.println("  " + name + " started after the signal");
            }));
        }
        ready.await();
        out.println(WORKERS + " workers waiting; go!");
        signalled.set(true);
        go.set();
        for (Thread worker : workers) {
            worker.join();
        }

        go.clear();
        boolean afterClear = go.await(Duration.ofMillis(20));
        out.println("cleared: a new waiter is held back (await for 20 ms returned " + afterClear + ")");
        go.set();
        boolean afterSet = go.await(Duration.ofMillis(20));
        out.println("set again: a new waiter passes at once (returned " + afterSet + ")");
        return new Signals(released.get(), releasedEarly.get(), afterClear, afterSet);
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }
}
