package dev.spindle.testkit.concurrently;

import dev.spindle.testkit.ThreadDumps;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * One concurrent run of a test method: its repetitions, one after another, each on its own set
 * of threads.
 *
 * <h2>A repetition</h2>
 * <ol>
 *   <li>The {@link Shared} parameters are made afresh; each thread gets its own
 *       {@link ConcurrentThread}; the other arguments, resolved once by JUnit, are passed to all.</li>
 *   <li>The threads start and wait at a start barrier, which lets them all go at once when the
 *       last one arrives, so they overlap as much as the machine allows.</li>
 *   <li>Each runs the body. A failure is recorded with the thread's index, in the order the
 *       failures happen, and breaks the {@link ConcurrentThread#awaitOthers()} meeting for good,
 *       so no thread waits there for one that will never come.</li>
 *   <li>Every thread is joined. One that is still running at the repetition's deadline fails the
 *       run with the deadlock cycle, if there is one, and a dump of every thread; the threads are
 *       then interrupted, and any that ignore it are named in the failure (they are daemons and
 *       cannot keep the JVM alive).</li>
 * </ol>
 * The first repetition with a failure ends the run.
 *
 * <h2>Seeds</h2>
 * The run has one seed, given or drawn. Each thread's seed is a SplitMix64 mix of it, the
 * repetition and the index: a thread's random numbers and its perturbation decisions depend on
 * nothing else, so a run given the seed from a failure makes the same decisions again. (The
 * operating system's scheduling is not replayed: a replay makes the failure likely, not certain.)
 */
final class ConcurrentRun {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final ConcurrentSettings settings;
    private final Method method;
    private final Object target;
    private final List<Object> arguments;
    private final long seed;

    ConcurrentRun(ConcurrentSettings settings, Method method, Object target, List<Object> arguments) {
        this.settings = settings;
        this.method = method;
        this.target = target;
        this.arguments = List.copyOf(arguments.stream().map(a -> a == null ? NULL : a).toList());
        this.seed = settings.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
    }

    private static final Object NULL = new Object();

    void run() throws Throwable {
        try (Perturbation.Session perturbation = Perturbation.begin(settings.perturb(), method.getDeclaringClass())) {
            for (int repetition = 1; repetition <= settings.repeats(); repetition++) {
                runRepetition(repetition, perturbation);
            }
        }
    }

    private record Failure(int index, Thread thread, Throwable error) {}

    private void runRepetition(int repetition, Perturbation.Session perturbation) throws Throwable {
        int count = settings.threads();
        CyclicBarrier start = new CyclicBarrier(count);
        Meeting others = new Meeting(count);
        ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        Object[] shared = sharedArguments();
        Thread.Builder builder = settings.virtualThreads() ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long threadSeed = threadSeed(repetition, i);
            ConcurrentThread self = new ConcurrentThread(i, count, repetition, settings.repeats(), threadSeed, others);
            Object[] args = argumentsFor(shared, self);
            int index = i;
            threads.add(builder.name("concurrently-" + i).unstarted(() -> {
                try {
                    start.await();
                    perturbation.enter(threadSeed);
                    ReflectionSupport.invokeMethod(method, target, args);
                } catch (Throwable t) {
                    failures.add(new Failure(index, Thread.currentThread(), t));
                    others.breakForever();
                } finally {
                    perturbation.exit();
                }
            }));
        }
        threads.forEach(Thread::start);
        List<Thread> hung = joinAll(threads, settings.timeout());
        if (!hung.isEmpty()) {
            String cycle = Deadlocks.find().map(d -> "deadlock:\n" + d).orElse("no deadlock cycle among monitors and locks was found");
            String dump = ThreadDumps.allThreads();
            hung.forEach(Thread::interrupt);
            List<Thread> stuck = joinAll(hung, GRACE);
            throw new AssertionError("repetition " + repetition + " of " + settings.repeats() + " did not finish within "
                    + settings.timeout() + ": " + names(hung) + " still running"
                    + (stuck.isEmpty() ? "" : "; " + names(stuck) + " ignored the interrupt and were left running")
                    + "; " + replay() + "\n" + cycle + "\n\nevery thread:\n" + dump);
        }
        fail(repetition, failures);
    }

    private void fail(int repetition, ConcurrentLinkedQueue<Failure> failures) throws Throwable {
        Failure first = failures.poll();
        if (first == null) {
            return;
        }
        if (first.error instanceof TestAbortedException && failures.isEmpty()) {
            throw first.error;
        }
        AssertionError error = new AssertionError("thread " + first.index + " of " + settings.threads() + " (" + first.thread.getName()
                + ") failed in repetition " + repetition + " of " + settings.repeats() + "; " + replay() + ": " + first.error, first.error);
        for (Failure other : failures) {
            error.addSuppressed(new AssertionError("thread " + other.index + " (" + other.thread.getName() + ") failed too: " + other.error, other.error));
        }
        throw error;
    }

    private String replay() {
        return "seed " + seed + " (replay: -D" + ConcurrentSettings.SEED + "=" + seed + " or @Concurrently(seed = \"" + seed + "\"))";
    }

    private Object[] sharedArguments() {
        Parameter[] parameters = method.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Object resolved = arguments.get(i);
            if (parameters[i].isAnnotationPresent(Shared.class)) {
                values[i] = ReflectionSupport.newInstance(parameters[i].getType());
            } else {
                values[i] = resolved == NULL ? null : resolved;
            }
        }
        return values;
    }

    private Object[] argumentsFor(Object[] shared, ConcurrentThread self) {
        Object[] values = shared.clone();
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].getType() == ConcurrentThread.class) {
                values[i] = self;
            }
        }
        return values;
    }

    private long threadSeed(int repetition, int index) {
        long z = seed + ((long) (repetition - 1) * settings.threads() + index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Joins each thread until the deadline; returns those still alive then. */
    private static List<Thread> joinAll(List<Thread> threads, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    thread.join(Duration.ofNanos(left));
                }
            } catch (InterruptedException e) {
                threads.forEach(Thread::interrupt);
                throw e;
            }
            if (thread.isAlive()) {
                alive.add(thread);
            }
        }
        return alive;
    }

    private static String names(List<Thread> threads) {
        return threads.stream().map(Thread::getName).collect(Collectors.joining(", "));
    }
}
