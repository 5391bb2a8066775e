package dev.spindle;

import dev.spindle.testkit.SharedState;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The contract every pool keeps, written once and run against every backend: one subclass per
 * backend, which says how to make a pool and, only where it truly cannot do something, which
 * capability it lacks. The scenarios live in one interface per area ({@link ResultsContract},
 * {@link MapContract}, {@link CancellationContract}, {@link ClosingContract},
 * {@link EventsContract}, {@link VolumeContract}, {@link ExecutorViewContract},
 * {@link FutureOwnershipContract}, {@link MapConsumerContract}) over the
 * {@link PoolFixture} that this class implements. Backend modules run it by depending on this
 * module's test jar and on {@code spindle-testkit}:
 *
 * <pre>{@code
 * class ProcessPoolContractTest extends PoolContract {
 *     @Override
 *     protected Pool create(int workers) {
 *         return Pool.processes(workers);
 *     }
 *
 *     @Override
 *     public boolean tasksShareTheSubmittersMemory() {
 *         return false;
 *     }
 * }
 * }</pre>
 *
 * <h2>Portability: the rules every scenario follows</h2>
 * A task may run in another thread, in a copy made by serialisation, or in another JVM
 * ({@code LoopbackBackend} runs the suite that way inside this JVM). So:
 * <ul>
 *   <li><b>A task shares nothing with the test but what it captures, and it captures only
 *       serialisable values and the handles of {@link #shared()}</b> ({@code SharedGate},
 *       {@code SharedCounter}, {@code SharedRecorder}), which work from any JVM of this machine.
 *       Never a latch, an atomic, a collection to fill, the pool, or the test instance: a lambda
 *       that calls an instance method captures {@code this}, so the helpers that tasks call are
 *       static ({@link PoolFixture#hold}, {@link PoolFixture#blockedUntilInterrupted}).</li>
 *   <li><b>What a task did is read from shared state or from its result</b>, never from an
 *       object it was given: it may have worked on a copy.</li>
 *   <li><b>An exception is compared by class, message and the thrower's stack frame</b>
 *       ({@link PoolFixture#assertThrownBy}), never by identity: it may arrive as a copy.</li>
 *   <li><b>What stays on the test's side may be anything</b>: listeners, map inputs and
 *       consumers, submitting threads and their latches run in the test's JVM on every backend.</li>
 *   <li><b>No scenario uses time to synchronise</b>: tasks are held and released with gates,
 *       and every wait is bounded ({@link PoolFixture#HANG_SECONDS}) only so that a broken pool
 *       fails instead of hanging.</li>
 * </ul>
 * One {@link SharedState} serves each test; it is closed after the test's pools, so no task can
 * outlive the state it uses.
 *
 * <h2>Capabilities</h2>
 * A backend overrides a flag only for what it cannot do by its nature; each flag skips exactly
 * the scenarios that need it, and says why in the skip message:
 * <ul>
 *   <li>{@link #runsInCaller()}: the task runs inside {@code submit}, so nothing can happen
 *       while it runs (the sequential backend).</li>
 *   <li>{@link #compensatesBlockedWorkers()}: the pool starts another worker when one blocks,
 *       so a task cannot be made to wait its turn (fork/join).</li>
 *   <li>{@link #tasksShareTheSubmittersMemory()}: true of in-JVM backends, false of any that
 *       carries the task elsewhere. The few scenarios that need the task to hold the submitter's
 *       very objects, or to reach the submitter's JVM-wide state (the default uncaught-exception
 *       handler), run only where it is true.</li>
 * </ul>
 * Scenarios about tasks waiting their turn also need a pool of parallelism one, and skip
 * themselves for a backend that cannot make one.
 */
public abstract class PoolContract implements PoolFixture, ResultsContract, MapContract, CancellationContract,
        ClosingContract, EventsContract, VolumeContract, ExecutorViewContract, FutureOwnershipContract, MapConsumerContract {

    private final List<Pool> pools = new ArrayList<>();
    private SharedState shared;
    private final Map<String, Object> onces = new HashMap<>(); // guarded by this

    /** A new pool of this backend with {@code workers} workers (or the nearest it offers). */
    protected abstract Pool create(int workers);

    /**
     * Whether the pool runs each task in the submitting thread, before {@code submit} returns
     * (the sequential backend). Scenarios that need a task to run while the test does something
     * else (cancel it, close the pool, race a submitter) are skipped. Default {@code false}.
     */
    @Override
    public boolean runsInCaller() {
        return false;
    }

    /**
     * Whether the pool may start another worker while one is blocked (a fork/join pool
     * compensates blocked workers), so that a waiting task can start before its turn. Scenarios
     * that hold the one worker and expect the next task to wait are skipped or relaxed. Default
     * {@code false}.
     */
    @Override
    public boolean compensatesBlockedWorkers() {
        return false;
    }

    /**
     * Whether a task runs as the very object that was submitted, in the submitter's JVM, so that
     * it can hold objects that exist only there. True of every in-JVM backend; a backend that
     * serialises tasks (worker JVMs, a cluster, {@code LoopbackBackend}) returns {@code false},
     * and skips the scenarios that cannot be written portably: a task that closes its own pool
     * (it must hold the pool object), and the task's exception arriving as the very object
     * thrown (a process boundary delivers a copy, which the portable scenarios check by class,
     * message and stack frame). Default {@code true}.
     */
    @Override
    public boolean tasksShareTheSubmittersMemory() {
        return true;
    }

    @Override
    public final Pool pool(int workers) {
        Pool pool = create(workers);
        synchronized (this) {
            pools.add(pool);
        }
        return pool;
    }

    @Override
    public final synchronized <T> T once(String key, Supplier<T> make) {
        @SuppressWarnings("unchecked")
        T value = (T) onces.computeIfAbsent(key, k -> make.get());
        return value;
    }

    @Override
    public final synchronized SharedState shared() {
        if (shared == null) {
            shared = SharedState.create();
        }
        return shared;
    }

    @AfterEach
    final void closePoolsThenSharedState() {
        try {
            for (Pool pool : pools) {
                pool.closeNow();
                pool.close();
            }
        } finally {
            if (shared != null) {
                shared.close();
            }
        }
    }
}
