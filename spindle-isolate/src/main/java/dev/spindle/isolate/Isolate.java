package dev.spindle.isolate;

import dev.spindle.Action;
import dev.spindle.Pool;
import dev.spindle.Task;
import dev.spindle.isolate.internal.IsolateMain;
import dev.spindle.isolate.internal.IsolatedBackend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One isolate, as Python's {@code concurrent.interpreters} offers one interpreter: create it, hand
 * it named {@linkplain Shareable shareable} values before it starts ({@link #prepareMain}, the
 * seeds' {@code prepare_main}), run tasks in it, and talk to it through {@link IsolateChannel}s.
 * Its tasks run one at a time, on one worker with a class loader of its own, so the user's statics
 * in it are its alone.
 *
 * <pre>{@code
 * try (IsolateChannel<String> queue = IsolateChannel.create();
 *      Isolate isolate = Isolate.create().prepareMain("queue", queue).prepareMain("name", "a")) {
 *     isolate.run(() -> Isolate.<IsolateChannel<String>>main("queue").put("hello from " + Isolate.main("name")));
 *     System.out.println(queue.take());   // hello from a
 * }
 * }</pre>
 *
 * <p>Safe for use by many threads.
 */
public final class Isolate implements AutoCloseable {

    private final Map<String, Object> prepared = new LinkedHashMap<>(); // guarded by this
    private Pool pool;      // guarded by this: made by the first task, when the isolate starts
    private boolean closed; // guarded by this

    private Isolate() {}

    /** A new isolate; its worker and its loader are made when it first runs something. */
    public static Isolate create() {
        return new Isolate();
    }

    /**
     * Gives the isolate a named value, which its tasks read with {@link #main(String)}.
     *
     * @return this isolate
     * @throws IllegalArgumentException if the value is not shareable, naming its class
     * @throws IllegalStateException    if the isolate has started or is closed
     */
    public synchronized Isolate prepareMain(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Object crossing = Shareable.crossing(value);
        if (closed) {
            throw new IllegalStateException("this isolate is closed");
        }
        if (pool != null) {
            throw new IllegalStateException("prepareMain(\"" + name + "\") comes too late: the isolate has started running tasks");
        }
        prepared.put(name, crossing);
        return this;
    }

    /**
     * Runs {@code task} in the isolate; its result comes back as a copy.
     *
     * @throws IllegalStateException    if the isolate is closed
     * @throws IllegalArgumentException if the task cannot be serialised, naming the class
     */
    public <R> CompletableFuture<R> call(Task<R> task) {
        return started().submit(task);
    }

    /** Runs {@code action} in the isolate. As {@link #call}. */
    public CompletableFuture<Void> run(Action action) {
        return started().run(action);
    }

    private synchronized Pool started() {
        if (closed) {
            throw new IllegalStateException("this isolate is closed");
        }
        if (pool == null) {
            pool = Pool.using(new IsolatedBackend(1, 0, List.of(), Map.copyOf(prepared)));
        }
        return pool;
    }

    /**
     * Inside an isolate's task: the value prepared under {@code name}.
     *
     * @throws IllegalStateException  outside an isolate's task
     * @throws NoSuchElementException if no value was prepared under that name, naming the ones that were
     */
    @SuppressWarnings("unchecked")
    public static <T> T main(String name) {
        Map<String, Object> values = IsolateMain.values();
        if (values == null) {
            throw new IllegalStateException("Isolate.main(\"" + name + "\") is for a task running in an isolate");
        }
        if (!values.containsKey(name)) {
            throw new NoSuchElementException("no value named '" + name + "' was prepared for this isolate; prepared: " + values.keySet());
        }
        return (T) values.get(name);
    }

    /** Waits for the tasks it accepted, then ends its worker and lets its loader go. Idempotent. */
    @Override
    public void close() {
        Pool toClose;
        synchronized (this) {
            closed = true;
            toClose = pool;
        }
        if (toClose != null) {
            toClose.close();
        }
    }
}
