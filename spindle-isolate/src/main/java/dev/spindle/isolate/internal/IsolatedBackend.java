package dev.spindle.isolate.internal;

import dev.spindle.RemoteTaskException;
import dev.spindle.isolate.IsolateCrossingException;
import dev.spindle.Task;
import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Isolated workers: one platform thread per worker, each with its own {@link IsolateLoader}.
 *
 * <h2>How a task crosses</h2>
 * <pre>
 *  submitter (application's loader)            worker N (IsolateLoader N)
 *  task ── serialise ──▶ bytes ──▶ deserialise, resolving every class through loader N
 *                                   run it: its statics are loader N's
 *  result or exception ◀── deserialise ◀── bytes ◀── serialise
 *  (through the submitter's loader)
 * </pre>
 * A lambda crosses as its {@code SerializedLambda}, whose capturing class is resolved by the
 * worker's loader: the worker runs its own copy of the lambda's code. Everything that crosses is
 * a copy; only Spindle's core classes and the classes the pool shares are the same on both sides.
 *
 * <h2>Lifecycle</h2>
 * A worker makes its loader when it starts and again after {@code maxTasksPerWorker} tasks
 * (fresh statics). Closing the pool ends the workers, closes their loaders and drops every
 * reference to them, so the loaders and all the classes they defined can be collected.
 */
public final class IsolatedBackend implements Backend {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private sealed interface Item permits Parcel, Stop {}

    private record Parcel(Job job, byte[] task) implements Item {}

    private enum Stop implements Item { MARKER }

    private final String name;
    private final int workers;
    private final int maxTasksPerWorker;
    private final List<String> shared;
    private final Map<String, Object> main;
    private final URL[] classPath;
    private final ClassLoader home;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads;
    private final CountDownLatch stopped;
    private final AtomicInteger loadersMade = new AtomicInteger();
    private final Object state = new Object();
    private boolean shutdown; // guarded by state

    /**
     * @param workers           how many isolated workers run tasks at once
     * @param maxTasksPerWorker tasks a worker's loader runs before it is replaced; 0 for no limit
     * @param shared            class names, or package prefixes ending in a dot, loaded once for all
     * @param main              the named values the tasks read with {@code Isolate.main}
     * @throws IllegalArgumentException if {@code workers < 1} or {@code maxTasksPerWorker < 0}
     */
    public IsolatedBackend(int workers, int maxTasksPerWorker, List<String> shared, Map<String, Object> main) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (maxTasksPerWorker < 0) {
            throw new IllegalArgumentException("maxTasksPerWorker must be 0 (no limit) or more, was " + maxTasksPerWorker);
        }
        int pool = POOLS.incrementAndGet();
        this.name = "isolated(" + workers + ")";
        this.workers = workers;
        this.maxTasksPerWorker = maxTasksPerWorker;
        this.shared = List.copyOf(shared);
        this.main = Map.copyOf(main);
        this.classPath = IsolateLoader.classPath();
        this.home = IsolatedBackend.class.getClassLoader();
        this.stopped = new CountDownLatch(workers);
        List<Thread> started = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            int index = i;
            started.add(Thread.ofPlatform().daemon().name("spindle-isolated-" + pool + "-" + i).start(() -> work(index)));
        }
        this.threads = List.copyOf(started);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int parallelism() {
        return workers;
    }

    /** How many loaders this pool has made so far: one per worker, and one per recycling. */
    public int loadersMade() {
        return loadersMade.get();
    }

    @Override
    public void checkCarriable(Job job) {
        serialiseTask(job);
    }

    private byte[] serialiseTask(Job job) {
        try {
            return serialise(job.task());
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(name + " cannot carry the task into an isolate: " + e.getMessage() + " is not serialisable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot carry the task into an isolate: " + e, e);
        }
    }

    @Override
    public void dispatch(Job job) {
        byte[] task = serialiseTask(job);
        synchronized (state) {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            queue.add(new Parcel(job, task));
        }
    }

    @Override
    public boolean ownsCurrentThread() {
        return threads.contains(Thread.currentThread());
    }

    private IsolateLoader newLoader(int index) {
        return new IsolateLoader("isolate-" + index + "." + loadersMade.incrementAndGet(), classPath, home, shared);
    }

    private void work(int index) {
        String worker = Thread.currentThread().getName();
        IsolateLoader loader = newLoader(index);
        int ran = 0;
        try {
            while (true) {
                Item next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    continue; // shutdownNow queued the stop markers before it interrupted
                }
                if (!(next instanceof Parcel parcel)) {
                    return;
                }
                if (maxTasksPerWorker > 0 && ran == maxTasksPerWorker) {
                    loader.release();
                    loader = newLoader(index);
                    ran = 0;
                }
                ran++;
                carry(parcel, loader, worker);
            }
        } finally {
            loader.release();
            stopped.countDown();
        }
    }

    /** Runs one job inside the worker's isolate and sends back its outcome. */
    private void carry(Parcel parcel, IsolateLoader loader, String worker) {
        Job job = parcel.job();
        Thread self = Thread.currentThread();
        Object result = null;
        Throwable failure = null;
        ClassLoader before = self.getContextClassLoader();
        self.setContextClassLoader(loader);
        try {
            if (!job.start(worker, self::interrupt)) {
                return; // cancelled while it waited: dropped
            }
            Task<?> task;
            try {
                task = (Task<?>) deserialise(parcel.task(), loader);
            } catch (ClassNotFoundException e) {
                failure = new IsolateCrossingException(name + " cannot load " + e.getMessage() + " in an isolate: it is not on the class path "
                        + System.getProperty("java.class.path"), e);
                return;
            } catch (IOException | RuntimeException e) {
                failure = new IsolateCrossingException(name + " cannot rebuild task " + job.id() + " in an isolate: " + rootCause(e), e);
                return;
            }
            IsolateMain.enter(main);
            try {
                result = task.call();
            } catch (Throwable t) {
                failure = t;
            } finally {
                IsolateMain.exit();
            }
        } finally {
            self.setContextClassLoader(before);
            Thread.interrupted(); // a cancel that landed after the task returned stays with that task
            if (failure != null) {
                job.fail(failure instanceof IsolateCrossingException ? failure : carriedBack(failure));
            }
        }
        if (failure == null) {
            sendResult(job, result);
        }
    }

    /** The innermost cause: deserialisation wraps what went wrong in layers that say little. */
    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private void sendResult(Job job, Object result) {
        Object copy;
        try {
            copy = deserialise(serialise(result), home);
        } catch (NotSerializableException e) {
            job.fail(new IsolateCrossingException(name + " cannot carry the result of task " + job.id() + " out of its isolate: "
                    + e.getMessage() + " is not serialisable", e));
            return;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            job.fail(new IsolateCrossingException(name + " cannot carry the result of task " + job.id() + " out of its isolate: " + e, e));
            return;
        }
        job.succeed(copy);
    }

    /** The task's exception as the submitter receives it: a copy, or a {@link RemoteTaskException} chain. */
    private Throwable carriedBack(Throwable failure) {
        try {
            return (Throwable) deserialise(serialise(failure), home);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return RemoteTaskException.copyOf(failure);
        }
    }

    private static byte[] serialise(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialise(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderInputStream(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        }
    }

    /** Resolves every class of the stream through one loader. */
    private static final class LoaderInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // primitives and their arrays
            }
        }
    }

    @Override
    public void shutdown() {
        synchronized (state) {
            if (!shutdown) {
                shutdown = true;
                for (int i = 0; i < workers; i++) {
                    queue.add(Stop.MARKER);
                }
            }
        }
    }

    @Override
    public void shutdownNow() {
        synchronized (state) {
            shutdown = true;
            queue.clear();
            for (int i = 0; i < workers; i++) {
                queue.add(Stop.MARKER);
            }
        }
        threads.forEach(Thread::interrupt);
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
