package dev.spindle.isolate;

import dev.spindle.Pool;
import dev.spindle.isolate.internal.IsolatedBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Isolated workers in one JVM, the JVM's answer to Python's sub-interpreters: each worker loads
 * the task's classes through a class loader of its own, so every static field, singleton and
 * static initialiser exists once per worker, while all workers share one JVM, its JIT and its heap.
 *
 * <pre>{@code
 * try (Pool pool = IsolatedPool.create(4)) {           // or Pool.isolated(4)
 *     pool.map(x -> LegacyFormatter.format(x), inputs)  // a static, non-thread-safe formatter: one per worker
 *         .forEach(System.out::println);
 * }
 * }</pre>
 *
 * <h2>What is isolated, and what crosses</h2>
 * The user's classes on the class path, and their libraries, are loaded again by each worker;
 * the JDK and Spindle's core packages are shared. Tasks, inputs, results and exceptions cross
 * as copies made by Java serialisation: a task must be serialisable (a lambda given to
 * {@link Pool} is), and so must what it returns. Classes named by {@link Builder#shared} are
 * loaded once, by the application's loader. JDK-wide state (system properties, the standard
 * streams, native libraries) is one for all workers.
 */
public final class IsolatedPool {

    private IsolatedPool() {}

    /** A pool of {@code workers} isolated workers, without recycling. */
    public static Pool create(int workers) {
        return builder().workers(workers).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of an isolated pool; {@link #build()} copies them. */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private int maxTasksPerWorker;
        private final List<String> shared = new ArrayList<>();

        private Builder() {}

        /** How many workers, each with its own loader (default: the core count). */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, was " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Tasks a worker runs before its loader is replaced by a fresh one, with fresh statics; 0 (the default) never. */
        public Builder maxTasksPerWorker(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("maxTasksPerWorker must be 0 (no limit) or more, was " + tasks);
            }
            this.maxTasksPerWorker = tasks;
            return this;
        }

        /**
         * Classes loaded once for all workers, by the application's loader: class names, or package
         * prefixes ending in a dot ({@code "com.example.values."}). Their statics are shared.
         */
        public Builder shared(String... namesOrPackages) {
            for (String name : namesOrPackages) {
                shared.add(Objects.requireNonNull(name, "name"));
            }
            return this;
        }

        public Pool build() {
            return Pool.using(new IsolatedBackend(workers, maxTasksPerWorker, shared, java.util.Map.of()));
        }
    }
}
