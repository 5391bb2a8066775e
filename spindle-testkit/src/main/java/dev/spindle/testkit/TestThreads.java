package dev.spindle.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The threads one test starts, kept by the JDK's rules for concurrent tests: an exception or a
 * failed assertion in any of them fails the test, and every one is joined before the test ends.
 * A thread that does not end in time fails the test with a dump of all threads.
 *
 * <pre>{@code
 * try (var threads = new TestThreads()) {
 *     threads.start("producer", () -> queue.put(1));
 *     threads.start("consumer", () -> assertEquals(1, queue.take()));
 * }   // joins both; rethrows the first failure with the others suppressed
 * }</pre>
 */
public final class TestThreads implements AutoCloseable {

    /** A thread body that may throw anything; what it throws fails the test. */
    @FunctionalInterface
    public interface Body {
        void run() throws Throwable;
    }

    /** A body that knows its index among {@link #runConcurrently} threads. */
    @FunctionalInterface
    public interface IndexedBody {
        void run(int index) throws Throwable;
    }

    private static final Duration DEFAULT_JOIN = Duration.ofSeconds(60);

    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final Duration joinTimeout;

    /** Threads that must all end within 60 seconds of {@link #close()}. */
    public TestThreads() {
        this(DEFAULT_JOIN);
    }

    public TestThreads(Duration joinTimeout) {
        this.joinTimeout = Objects.requireNonNull(joinTimeout, "joinTimeout");
    }

    /** Starts a platform thread running {@code body}; its failure will fail the test. */
    public Thread start(String name, Body body) {
        return start(Thread.ofPlatform(), name, body);
    }

    /**
     * Starts a thread of the builder's kind (a virtual thread from {@code Thread.ofVirtual()})
     * running {@code body}; its failure will fail the test, and it is joined like the others.
     */
    public Thread start(Thread.Builder builder, String name, Body body) {
        Objects.requireNonNull(builder, "builder");
        Thread thread = builder.name(name).unstarted(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        threads.add(thread);
        thread.start();
        return thread;
    }

    /**
     * Runs {@code body} in {@code count} threads released together, joins them all and rethrows
     * the first failure: pytest-run-parallel's idea, for one test body.
     */
    public static void runConcurrently(int count, IndexedBody body) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        CountDownLatch go = new CountDownLatch(1);
        try (TestThreads threads = new TestThreads()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                threads.start("concurrent-" + i, () -> {
                    go.await();
                    body.run(index);
                });
            }
            go.countDown();
        }
    }

    /**
     * Returns once {@code thread} is parked (waiting, with or without a timeout) or has ended. A
     * test that meets a condition only after the waiter is parked proves that the waiter waited
     * for it, without a sleep and without measuring time. A waiter that returned at once has
     * ended, and its own assertions report the failure.
     */
    public static void awaitParked(Thread thread) {
        Objects.requireNonNull(thread, "thread");
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED) {
                return;
            }
            Thread.yield();
        }
    }

    /**
     * Joins every thread; fails if one is still alive after the timeout (with a thread dump) or
     * if any failed (the first failure, with the others suppressed).
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + joinTimeout.toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("thread " + thread.getName() + " did not end within " + joinTimeout
                            + "\n" + ThreadDumps.allThreads());
                }
                try {
                    thread.join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable first = failures.poll();
        if (first != null) {
            AssertionError error = first instanceof AssertionError a ? a : new AssertionError("a test thread failed: " + first, first);
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }
}
