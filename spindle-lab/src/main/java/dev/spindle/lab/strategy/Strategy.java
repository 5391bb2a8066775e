package dev.spindle.lab.strategy;

import dev.spindle.Pool;
import dev.spindle.lab.gil.GilBackend;
import dev.spindle.process.ProcessPool;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the lab runs a workload's tasks: one of Spindle's pools (in this JVM, or worker JVMs), or
 * the teaching strategy {@code gil} (threads under an emulated global interpreter lock). Every workload submits its
 * tasks to the {@link Pool} a strategy opens, so the same code runs on each.
 */
public enum Strategy {

    SEQUENTIAL("every task in the calling thread: the baseline for speed-ups (one worker)") {
        @Override
        public Pool open(int workers, Duration switchInterval) {
            return Pool.sequential();
        }
    },
    THREADS("n platform threads sharing one queue (Pool.threads)") {
        @Override
        public Pool open(int workers, Duration switchInterval) {
            return Pool.threads(workers);
        }
    },
    VIRTUAL("a virtual thread per task, at most n running at once (Pool.virtualThreads(n))") {
        @Override
        public Pool open(int workers, Duration switchInterval) {
            return Pool.virtualThreads(workers);
        }
    },
    TASKGROUP("a virtual thread per task, forked in a TaskGroup (structured concurrency), no bound (one configuration)") {
        @Override
        public Pool open(int workers, Duration switchInterval) {
            return Pool.using(new TaskGroupBackend());
        }
    },
    FORKJOIN("n work-stealing threads (Pool.forkJoin)") {
        @Override
        public Pool open(int workers, Duration switchInterval) {
            return Pool.forkJoin(workers);
        }
    },
    GIL("n platform threads that take turns on one emulated global interpreter lock, as CPython threads") {
        @Override
        public Pool open(int workers, Duration switchInterval) {
            return Pool.using(new GilBackend(workers, switchInterval));
        }
    },
    PROCESSES("n worker JVMs, all started before the first run; tasks and results serialised (Pool.processes)") {
        @Override
        public Pool open(int workers, Duration switchInterval) {
            return ProcessPool.builder().workers(workers).startAll().build();
        }
    },
    ISOLATED("n isolated workers in this JVM, each with a class loader and statics of its own; tasks and results serialised (Pool.isolated)") {
        @Override
        public Pool open(int workers, Duration switchInterval) {
            return Pool.isolated(workers);
        }
    },
    CLUSTER("n tasks at once on a cluster of two members on loopback, this JVM and one it starts; tasks and results serialised (Cluster.pool)") {
        @Override
        public Pool open(int workers, Duration switchInterval) {
            return LoopbackCluster.open(workers);
        }
    };

    private final String summary;

    Strategy(String summary) {
        this.summary = summary;
    }

    /**
     * Opens a pool of this strategy. The caller closes it.
     *
     * @param workers        worker count; ignored by {@code sequential}
     * @param switchInterval the GIL's switch interval; used by {@code gil} only
     */
    public abstract Pool open(int workers, Duration switchInterval);

    /** The name on the command line and in reports: {@code forkjoin}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line: what this strategy is. */
    public String summary() {
        return summary;
    }

    /**
     * Whether the workers are JVMs of their own, which start with cold code: the harness then
     * warms a configuration up for as long as it primed the lab's own JVM.
     */
    public boolean startsOtherJvms() {
        return this == PROCESSES || this == CLUSTER;
    }

    /**
     * Whether the worker count matters: {@code sequential} always has one worker, and
     * {@code taskgroup} a thread for every task.
     */
    public boolean usesWorkers() {
        return this != SEQUENTIAL && this != TASKGROUP;
    }

    /**
     * Whether the strategy runs only when named ({@code --strategies isolated,cluster}): the default
     * suite leaves it out, to stay within its time, and the workloads it fits are few.
     */
    public boolean byName() {
        return this == ISOLATED || this == CLUSTER;
    }

    /** The strategies of the default suite: all but those run {@linkplain #byName() by name}. */
    public static List<Strategy> defaultSuite() {
        return Arrays.stream(values()).filter(s -> !s.byName()).toList();
    }

    /** The strategy with this command-line name, ignoring case. */
    public static Optional<Strategy> named(String name) {
        return Arrays.stream(values()).filter(s -> s.cliName().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** Every strategy's command-line name, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Strategy::cliName).toList();
    }
}
