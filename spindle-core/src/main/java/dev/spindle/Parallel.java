package dev.spindle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * joblib's one-line parallel loop, over Spindle's pools: {@code Parallel(n_jobs=4)(delayed(f)(x)
 * for x in data)} becomes
 *
 * <pre>{@code
 * List<Long> counts = Parallel.jobs(4).map(range -> countPrimes(range), ranges);
 * List<Long> same   = Parallel.jobs(-1).prefer(Parallel.Prefer.PROCESSES).verbose().map(...);   // all cores, worker JVMs
 * try (Stream<Long> lazy = Parallel.jobs(2).stream(fn, inputs)) { ... }                           // results as they are read
 * }</pre>
 *
 * <h2>A thin layer</h2>
 * Each call opens a pool of the preferred kind with the number of jobs (or uses the pool given by
 * {@link #using}, which it never closes), runs {@link Pool#map} with its bounded window (as
 * joblib's {@code pre_dispatch}), and closes the pool it opened. Everything else is the pool's: automatic batching of tiny inputs
 * (joblib's {@code batch_size="auto"}), which the verbose mode reports from the pool's task
 * events, cancellation of the rest when an input fails, results in input order.
 *
 * <h2>joblib's options, in Java</h2>
 * <ul>
 *   <li>{@code n_jobs}: {@link #jobs(int)}. A negative count counts back from the cores, as
 *       joblib's does: {@code -1} is every core, {@code -2} all but one.</li>
 *   <li>{@code prefer}/{@code backend}: {@link #prefer} (threads, virtual threads, worker JVMs,
 *       isolated workers), or an explicit pool with {@link #using}.</li>
 *   <li>{@code batch_size}: automatic by default; {@link #batchSize} fixes it.</li>
 *   <li>{@code verbose}: {@link #verbose()} prints progress and the batch sizes.</li>
 *   <li>{@code return_as="generator"}: {@link #stream}.</li>
 * </ul>
 * An input whose function throws ends the loop with a {@link JobFailedException} that names the
 * input; the inputs still running are cancelled.
 *
 * <p>Immutable: every option returns a new {@code Parallel}.
 */
public final class Parallel {

    /** The kind of pool to open, as joblib's {@code prefer}. */
    public enum Prefer {
        /** Platform threads, {@link Pool#threads}: the default. */
        THREADS,
        /** Virtual threads, at most {@code jobs} at once: for work that waits. */
        VIRTUAL,
        /** Worker JVMs, {@link Pool#processes} (module {@code spindle-process}). */
        PROCESSES,
        /** Class-loader-isolated workers, {@link Pool#isolated} (module {@code spindle-isolate}). */
        ISOLATED
    }

    private final int jobs;
    private final Prefer prefer;
    private final Pool pool;        // null: open one per call
    private final int batchSize;    // 0: automatic
    private final PrintStream verbose; // null: quiet

    private Parallel(int jobs, Prefer prefer, Pool pool, int batchSize, PrintStream verbose) {
        this.jobs = jobs;
        this.prefer = prefer;
        this.pool = pool;
        this.batchSize = batchSize;
        this.verbose = verbose;
    }

    /**
     * A loop over {@code jobs} workers: a positive count as it is, a negative one counted back from
     * this machine's cores ({@code -1}: all of them; {@code -2}: all but one).
     *
     * @throws IllegalArgumentException if {@code jobs} is 0, or counts back past the cores
     */
    public static Parallel jobs(int jobs) {
        return new Parallel(resolve(jobs, Runtime.getRuntime().availableProcessors()), Prefer.THREADS, null, 0, null);
    }

    static int resolve(int jobs, int cores) {
        if (jobs == 0) {
            throw new IllegalArgumentException("jobs must not be 0: give a count of workers, or -1 for every core");
        }
        if (jobs > 0) {
            return jobs;
        }
        int resolved = cores + 1 + jobs;
        if (resolved < 1) {
            throw new IllegalArgumentException("jobs=" + jobs + " leaves no worker on " + cores + " cores: the most negative is -" + cores);
        }
        return resolved;
    }

    /** The kind of pool each call opens. */
    public Parallel prefer(Prefer prefer) {
        return new Parallel(jobs, Objects.requireNonNull(prefer, "prefer"), pool, batchSize, verbose);
    }

    /** Runs on {@code pool} instead of opening one; the caller closes it. The job count is then the pool's. */
    public Parallel using(Pool pool) {
        return new Parallel(jobs, prefer, Objects.requireNonNull(pool, "pool"), batchSize, verbose);
    }

    /**
     * Fixes how many inputs each task carries (by default the pool chooses, so that tiny inputs
     * are grouped).
     *
     * @throws IllegalArgumentException if {@code inputs < 1}
     */
    public Parallel batchSize(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + inputs);
        }
        return new Parallel(jobs, prefer, pool, inputs, verbose);
    }

    /** Prints progress and the batch sizes to standard error. */
    public Parallel verbose() {
        return verbose(System.err);
    }

    /** Prints progress and the batch sizes to {@code out}. */
    public Parallel verbose(PrintStream out) {
        return new Parallel(jobs, prefer, pool, batchSize, Objects.requireNonNull(out, "out"));
    }

    /**
     * Applies {@code fn} to every input, in parallel, and returns the results in input order.
     *
     * @throws JobFailedException naming the input whose function threw; the others are cancelled
     */
    public <T, R> List<R> map(TaskFunction<? super T, ? extends R> fn, Collection<? extends T> inputs) {
        Objects.requireNonNull(fn, "fn");
        List<? extends T> all = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        try (Stream<R> results = run(fn, all, all.size(), i -> abbreviated(all.get((int) i)))) {
            return results.toList();
        }
    }

    /**
     * Applies {@code fn} to the inputs lazily: a task starts only as the stream is read, as
     * joblib's {@code return_as="generator"}. Close the stream (try-with-resources) if you may
     * leave it before its end; the pool it opened is closed then, or when the stream ends.
     *
     * @throws JobFailedException when the stream reaches an input whose function threw
     */
    public <T, R> Stream<R> stream(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(inputs, "inputs");
        return run(fn, inputs, inputs instanceof Collection<?> c ? c.size() : -1, i -> null);
    }

    private interface Describer {
        String input(long index);
    }

    /** {@code String.valueOf(input)}, cut to 100 characters: a message names the input, it does not print a megabyte. */
    private static String abbreviated(Object input) {
        String text = String.valueOf(input);
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }

    /**
     * Runs the map with the pool's bounded window (inputs are taken only as results are read, as
     * joblib's {@code pre_dispatch}) and its automatic batching, unless a batch size was set.
     */
    private <T, R> Stream<R> run(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> inputs, long total,
                                 Describer describer) {
        Pool target = pool != null ? pool : open();
        Runnable release = pool != null ? () -> { } : target::close;
        Progress progress = verbose == null ? null : new Progress(target, total);
        Subscription events = progress == null ? null : target.listen(progress::heard);
        MapOptions options = MapOptions.defaults();
        if (batchSize > 0) {
            options = options.withChunkSize(batchSize);
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable end = () -> {
            if (released.compareAndSet(false, true)) {
                if (events != null) {
                    progress.done(); // still listening: it waits for the last finished events
                    events.close();
                }
                release.run();
            }
        };
        Stream<R> results;
        try {
            results = target.map(fn, inputs, options);
        } catch (RuntimeException | Error e) {
            end.run();
            throw e;
        }
        return StreamSupport.stream(new Results<>(results, describer, end), false).onClose(() -> {
            results.close(); // cancels what is still in flight
            end.run();
        });
    }

    /**
     * The pool's results, with a failed input's {@link MapFailedException} turned into a
     * {@link JobFailedException} that names the input, and the pool released once the results end
     * or fail (closing the stream releases it too; releasing twice does nothing).
     */
    private static final class Results<R> extends Spliterators.AbstractSpliterator<R> {
        private final Spliterator<R> source;
        private final Describer describer;
        private final Runnable end;
        private boolean ended;

        Results(Stream<R> results, Describer describer, Runnable end) {
            super(Long.MAX_VALUE, Spliterator.ORDERED);
            this.source = results.spliterator();
            this.describer = describer;
            this.end = end;
        }

        @Override
        public boolean tryAdvance(Consumer<? super R> action) {
            if (ended) {
                return false;
            }
            try {
                if (source.tryAdvance(action)) {
                    return true;
                }
            } catch (MapFailedException e) {
                finish();
                throw new JobFailedException(e.index(), describer.input(e.index()), e.getCause());
            } catch (RuntimeException | Error e) {
                finish();
                throw e;
            }
            finish();
            return false;
        }

        private void finish() {
            if (!ended) {
                ended = true;
                end.run();
            }
        }
    }

    private Pool open() {
        return switch (prefer) {
            case THREADS -> Pool.threads(jobs);
            case VIRTUAL -> Pool.virtualThreads(jobs);
            case PROCESSES -> Pool.processes(jobs);
            case ISOLATED -> Pool.isolated(jobs);
        };
    }

    @Override
    public String toString() {
        return "Parallel(jobs=" + jobs + ", " + (pool != null ? pool.name() : prefer.name().toLowerCase(Locale.ROOT))
                + (batchSize > 0 ? ", batch size " + batchSize : "") + ")";
    }

    /** Verbose mode: a line every tenth of the inputs, and the batch sizes the pool chose. */
    private final class Progress {
        private final long total;
        private final long start = System.nanoTime();
        private final AtomicLong inputsDone = new AtomicLong();
        private final AtomicLong tasks = new AtomicLong();
        private final AtomicInteger smallest = new AtomicInteger(Integer.MAX_VALUE);
        private final AtomicInteger largest = new AtomicInteger();
        private final java.util.Map<Long, Integer> inputsOf = new java.util.concurrent.ConcurrentHashMap<>();
        private final AtomicLong nextReport;

        Progress(Pool target, long total) {
            this.total = total;
            this.nextReport = new AtomicLong(total > 0 ? Math.max(1, total / 10) : 100);
            verbose.printf(Locale.ROOT, "[%s] %s inputs on %s%n", Parallel.this, total >= 0 ? String.valueOf(total) : "unknown",
                    target.name());
        }

        void heard(TaskEvent event) {
            switch (event) {
                case TaskEvent.Submitted s -> {
                    inputsOf.put(s.taskId(), s.inputs());
                    tasks.incrementAndGet();
                    smallest.accumulateAndGet(s.inputs(), Math::min);
                    largest.accumulateAndGet(s.inputs(), Math::max);
                }
                case TaskEvent.Finished f -> {
                    Integer inputs = inputsOf.remove(f.taskId());
                    long done = inputsDone.addAndGet(inputs == null ? 0 : inputs);
                    synchronized (this) {
                        notifyAll();
                    }
                    long due = nextReport.get();
                    if (done >= due && nextReport.compareAndSet(due, due + Math.max(1, total > 0 ? total / 10 : 100))) {
                        verbose.printf(Locale.ROOT, "[%s] done %d%s inputs, elapsed %.2f s%n", Parallel.this, done,
                                total > 0 ? " of " + total : "", seconds());
                    }
                }
                case TaskEvent.Failed f -> forget(f.taskId());
                case TaskEvent.Cancelled c -> forget(c.taskId());
                default -> { }
            }
        }

        private void forget(long taskId) {
            inputsOf.remove(taskId);
            synchronized (this) {
                notifyAll();
            }
        }

        /**
         * The last line. A task's future completes before its finished event is sent, so the
         * results can all be in while the last events are on their way: wait for them, briefly.
         */
        void done() {
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            synchronized (this) {
                while (!inputsOf.isEmpty() && System.nanoTime() < deadline) {
                    try {
                        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            verbose.printf(Locale.ROOT, "[%s] finished %d inputs in %d tasks (batch size %s), %.2f s%n", Parallel.this,
                    inputsDone.get(), tasks.get(), smallest.get() == largest.get() ? String.valueOf(largest.get())
                            : smallest.get() + " to " + largest.get(), seconds());
        }

        private double seconds() {
            return Duration.ofNanos(System.nanoTime() - start).toNanos() / 1e9;
        }
    }
}
