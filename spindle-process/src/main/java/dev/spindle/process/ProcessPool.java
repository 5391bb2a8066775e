package dev.spindle.process;

import dev.spindle.Action;
import dev.spindle.Pool;
import dev.spindle.process.internal.ProcessBackend;
import dev.spindle.process.internal.Settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pools of worker JVMs: Python's {@code ProcessPoolExecutor} and {@code multiprocessing.Pool}
 * for the JVM, behind Spindle's one {@link Pool} API.
 *
 * <pre>{@code
 * try (Pool pool = ProcessPool.builder()
 *         .workers(4)
 *         .jvmOptions("-Xmx512m")
 *         .initializer(() -> Model.load())          // once per worker, before its first task
 *         .maxTasksPerWorker(1_000)                  // then the worker is replaced
 *         .taskTimeout(Duration.ofMinutes(5))        // past it the worker is killed, the task fails
 *         .build()) {
 *     long primes = pool.map(r -> countPrimes(r), ranges).mapToLong(Long::longValue).sum();
 * }
 * }</pre>
 * {@code Pool.processes(4)} is {@code ProcessPool.create(4)}.
 *
 * <h2>What a worker is</h2>
 * A JVM started with this JVM's {@code java}, its class path (the module path's entries are put
 * on the class path too), the {@linkplain Builder#jvmOptions options you give} and
 * {@code -XX:+ExitOnOutOfMemoryError}. It runs one task at a time. Tasks, map inputs and results
 * travel serialised (a lambda is a valid task when it captures serialisable values); a task that
 * does not serialise is refused at {@code submit}, naming the class. What a worker prints is
 * forwarded to this JVM's stdout and stderr, each line prefixed with the worker's name.
 *
 * <h2>When a worker dies</h2>
 * A worker that exits, halts, runs out of memory, is killed or crashes fails only the task it was
 * running, with a {@link dev.spindle.WorkerLostException} naming the worker, its exit code or
 * signal and its last lines of output. The pool starts a replacement and goes on. A task marked
 * {@link dev.spindle.Task#idempotent(dev.spindle.Task) idempotent} is run again instead. A task
 * past its {@linkplain Builder#taskTimeout time limit} fails with
 * {@link dev.spindle.TaskTimeoutException}, and its worker is killed and replaced. When this JVM
 * dies, even by SIGKILL, every worker halts at once: each reads the end of its connection.
 *
 * <p>docs/PROCESSES.md describes the lifecycle of a worker, the protocol, the trust model and
 * the failure table.
 */
public final class ProcessPool {

    /** The most {@link Builder#maxMessageBytes} allows: a frame's length is an int. */
    public static final int MAX_MESSAGE_LIMIT = Integer.MAX_VALUE - 64;

    private ProcessPool() {}

    /**
     * A pool of {@code workers} worker JVMs with the default options, started as tasks arrive.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    public static Pool create(int workers) {
        return builder().workers(workers).build();
    }

    /** A builder with the default options: as many workers as processors, started as tasks arrive. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The options of a process pool. Each setter checks its value at once and names it in its
     * message; {@link #build()} starts the pool. Not safe for use by many threads.
     */
    public static final class Builder {

        private int workers = Runtime.getRuntime().availableProcessors();
        private List<String> jvmOptions = List.of();
        private Action initializer;
        private int maxTasksPerWorker;
        private Duration taskTimeout;
        private boolean startAll;
        private int standby;
        private int maxMessageBytes = 256 << 20;
        private Path startupCache = defaultStartupCache();

        private Builder() {}

        /**
         * How many worker JVMs run tasks at once. Default: the number of processors.
         *
         * @throws IllegalArgumentException if {@code workers < 1}
         */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, was " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * Options for every worker JVM, such as {@code -Xmx2g} or {@code -Dkey=value}; they replace
         * those set before. An option the JVM refuses fails the start of the worker with the
         * JVM's own message. Default: none.
         *
         * @throws IllegalArgumentException if an option is blank or does not start with {@code -}
         */
        public Builder jvmOptions(String... options) {
            List<String> copy = new ArrayList<>(options.length);
            for (String option : options) {
                Objects.requireNonNull(option, "option");
                if (option.isBlank() || !option.startsWith("-")) {
                    throw new IllegalArgumentException("a JVM option starts with '-', was '" + option + "'");
                }
                copy.add(option);
            }
            this.jvmOptions = List.copyOf(copy);
            return this;
        }

        /**
         * Runs once in every worker before its first task, as {@code initializer=} does for
         * Python's pools: to load a model, open a file, set a static. If it throws, the worker
         * does not start ({@link WorkerStartException} with its exception as the cause). A worker
         * has two minutes from its launch to be ready, initializer included; one that takes
         * longer is killed and reported as not started.
         *
         * @throws IllegalArgumentException (at {@link #build()}) if it cannot be serialised
         */
        public Builder initializer(Action initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * How many tasks a worker runs before it is stopped and replaced by a fresh JVM, as
         * {@code max_tasks_per_child} does: to bound what a leaky library accumulates. Default:
         * no limit.
         *
         * @throws IllegalArgumentException if {@code tasks < 1}
         */
        public Builder maxTasksPerWorker(int tasks) {
            if (tasks < 1) {
                throw new IllegalArgumentException("maxTasksPerWorker must be at least 1, was " + tasks);
            }
            this.maxTasksPerWorker = tasks;
            return this;
        }

        /**
         * How long one task may run. Past it the worker is killed (a task cannot always be
         * interrupted, a process can), the task fails with {@link dev.spindle.TaskTimeoutException},
         * and a new worker takes its place. A map's task carries a whole chunk of inputs. Default:
         * no limit.
         *
         * @throws IllegalArgumentException if {@code limit} is zero or negative
         */
        public Builder taskTimeout(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isZero() || limit.isNegative()) {
                throw new IllegalArgumentException("taskTimeout must be positive, was " + limit);
            }
            this.taskTimeout = limit;
            return this;
        }

        /**
         * Starts every worker in {@link #build()}, which waits until they are ready and throws
         * {@link WorkerStartException} if one cannot start. Default: workers start as tasks
         * arrive, as in Python's {@code ProcessPoolExecutor}.
         */
        public Builder startAll() {
            this.startAll = true;
            return this;
        }

        /**
         * Keeps {@code workers} extra JVMs started and ready, beyond {@link #workers}: when a
         * worker dies, times out or is recycled, one of them takes its place at once and another
         * is started in the background. Default: 0.
         *
         * @throws IllegalArgumentException if {@code workers < 0}
         */
        public Builder standby(int workers) {
            if (workers < 0) {
                throw new IllegalArgumentException("standby must be at least 0, was " + workers);
            }
            this.standby = workers;
            return this;
        }

        /**
         * The largest task (with what it captures) or result, serialised. A larger task is refused
         * at {@code submit}, a larger result fails its task; both with
         * {@link dev.spindle.PayloadTooLargeException}. Share large data through
         * {@link dev.spindle.process.shm shared memory} instead. Default: 256 MiB.
         *
         * @throws IllegalArgumentException if {@code bytes < 1} or {@code bytes > MAX_MESSAGE_LIMIT}
         */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 1 || bytes > MAX_MESSAGE_LIMIT) {
                throw new IllegalArgumentException("maxMessageBytes must be between 1 and " + MAX_MESSAGE_LIMIT
                        + ", was " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * Where workers keep a class-data-sharing archive of the classes they load, so that the
         * next workers on the same class path start faster. The first worker of a pool that finds
         * no archive writes one when it stops. Only used when the class path holds jars alone (the
         * JVM archives no classes from directories). Default: {@code spindle/cds} under
         * {@code $XDG_CACHE_HOME}, or {@code ~/.cache}.
         */
        public Builder startupCache(Path directory) {
            this.startupCache = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Workers start without a class-data-sharing archive of their own. */
        public Builder noStartupCache() {
            this.startupCache = null;
            return this;
        }

        /**
         * Starts the pool: with {@link #startAll()} or {@link #standby}, waits until those workers
         * are ready.
         *
         * @throws WorkerStartException if a worker started here cannot start; nothing is left running
         * @throws IllegalArgumentException if the initializer cannot be serialised
         */
        public Pool build() {
            return Pool.using(new ProcessBackend(new Settings(workers, jvmOptions, initializer, maxTasksPerWorker,
                    taskTimeout, startAll, standby, maxMessageBytes, startupCache)));
        }

        private static Path defaultStartupCache() {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("spindle").resolve("cds");
        }
    }
}
