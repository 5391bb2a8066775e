package dev.spindle;

import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that behaves like a remote one without leaving the JVM: every task, result and
 * exception crosses a pretend process boundary as Java-serialised bytes, and it drives the remote
 * half of the SPI ({@link Job#start}, {@link Job#succeed}, {@link Job#fail}, the canceller,
 * {@link Backend#checkCarriable}) that no in-JVM backend calls. The contract suite runs against
 * it ({@code LoopbackPoolContractTest}), so a scenario that only works when the task shares the
 * test's memory shows up here before a worker-JVM or cluster backend exists.
 *
 * <h2>How a job travels</h2>
 * <pre>
 *   submitting thread                     loopback worker thread ("the remote side")
 *   checkCarriable: task ─serialise─▶ bytes      (refused here if it cannot be serialised)
 *   dispatch: (job, bytes) ──queue──▶ take
 *                                     job.start(worker, canceller)      declines if cancelled
 *                                     bytes ─deserialise─▶ a copy of the task; call()
 *                                     result ─serialise, deserialise─▶ job.succeed(copy)
 *                                     exception ─the same─▶ job.fail(copy), or, if it cannot
 *                                        cross, job.fail(RemoteTaskException(class, message, trace))
 * </pre>
 * The task is serialised once, in {@code checkCarriable}, and handed to the {@code dispatch}
 * that follows on the same thread. Nothing the task does to what it captured reaches the
 * submitter: it works on a copy, as it would in another process.
 *
 * <h2>Cancellation</h2>
 * The canceller stands for a cancel message to the remote worker: it interrupts the thread that
 * runs that job, and only while it runs that job. Each worker keeps the job it runs in a slot,
 * under the slot's lock; the canceller interrupts only if the slot still holds its job, and the
 * worker empties the slot and then clears its interrupt status once the task returns, so a
 * cancel never reaches the worker's next job.
 *
 * <h2>Lifecycle</h2>
 * Workers are daemon platform threads started with the backend. {@link #shutdown()} queues one
 * stop marker per worker behind the jobs already dispatched, so those still run;
 * {@link #shutdownNow()} drops the queue (the pool has cancelled those jobs), queues the markers
 * and interrupts the workers. Dispatch and shutdown share a lock, so no job is queued behind the
 * markers. {@link #awaitTermination} waits for every worker to end.
 *
 * <p>For tests only: Java serialisation is the wrong wire format for a real backend.
 */
public final class LoopbackBackend implements Backend {

    /**
     * A failure of the loopback's transport, not of the task: a result that cannot be
     * serialised, or a task that cannot be rebuilt from its bytes. The stand-in for the
     * engine-failure type a real remote backend reports beside the task's own exceptions.
     */
    public static final class TransportException extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        TransportException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final AtomicInteger BACKENDS = new AtomicInteger();

    /** What a worker takes from the queue: a job with its task's bytes, or the marker to stop. */
    private sealed interface Item permits Parcel, Stop {}

    private record Parcel(Job job, byte[] task) implements Item {}

    private enum Stop implements Item { MARKER }

    /** The task bytes {@code checkCarriable} made for the job that {@code dispatch} gets next. */
    private record Checked(Job job, byte[] task) {}

    /** The job a worker runs, which the job's canceller may interrupt. */
    private static final class Slot {
        private final Thread thread = Thread.currentThread();
        private Job running; // guarded by this

        synchronized void enter(Job job) {
            running = job;
        }

        synchronized void leave() {
            running = null;
        }

        synchronized void interrupt(Job job) {
            if (running == job) {
                thread.interrupt();
            }
        }
    }

    private final String name;
    private final int workers;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final ThreadLocal<Checked> checked = new ThreadLocal<>();
    private final List<Thread> threads;
    private final CountDownLatch stopped;
    private final Object state = new Object();
    private boolean shutdown; // guarded by state

    /**
     * @param workers how many threads run tasks at once
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    public LoopbackBackend(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        this.workers = workers;
        this.name = "loopback(" + workers + ")";
        this.stopped = new CountDownLatch(workers);
        Thread.Builder builder = Thread.ofPlatform().daemon().name("spindle-loopback-" + BACKENDS.incrementAndGet() + "-", 0);
        List<Thread> started = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            started.add(builder.start(this::work));
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

    /**
     * Serialises the task, as a remote backend must before it can send it.
     *
     * @throws IllegalArgumentException naming the class that cannot be serialised
     */
    @Override
    public void checkCarriable(Job job) {
        checked.set(new Checked(job, serialiseTask(job)));
    }

    private byte[] serialiseTask(Job job) {
        try {
            return serialise(job.task());
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(name + " cannot carry the task: " + e.getMessage() + " is not serialisable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot carry the task: " + e, e);
        }
    }

    @Override
    public void dispatch(Job job) {
        Checked last = checked.get();
        checked.remove();
        byte[] task = last != null && last.job() == job ? last.task() : serialiseTask(job);
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

    private void work() {
        Slot slot = new Slot();
        String worker = Thread.currentThread().getName();
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
                carry(parcel, slot, worker);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** The remote side: starts the job, rebuilds and runs the task, sends back the outcome. */
    private void carry(Parcel parcel, Slot slot, String worker) {
        Job job = parcel.job();
        slot.enter(job);
        Object result = null;
        Throwable failure = null;
        try {
            if (!job.start(worker, () -> slot.interrupt(job))) {
                return; // cancelled while it waited: dropped
            }
            Task<?> task;
            try {
                task = (Task<?>) deserialise(parcel.task());
            } catch (IOException | ClassNotFoundException e) {
                failure = new TransportException(name + " cannot rebuild task " + job.id() + " from its bytes: " + e, e);
                return;
            }
            try {
                result = task.call();
            } catch (Throwable t) {
                failure = t;
            }
        } finally {
            slot.leave();
            Thread.interrupted(); // a cancel that landed after the task returned stays with that task
            if (failure != null) {
                job.fail(failure instanceof TransportException ? failure : carriedBack(failure));
            }
        }
        if (failure == null) {
            sendResult(job, result);
        }
    }

    private void sendResult(Job job, Object result) {
        Object copy;
        try {
            copy = deserialise(serialise(result));
        } catch (NotSerializableException e) {
            job.fail(new TransportException(name + " cannot carry the result of task " + job.id() + " back: "
                    + e.getMessage() + " is not serialisable", e));
            return;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            job.fail(new TransportException(name + " cannot carry the result of task " + job.id() + " back: " + e, e));
            return;
        }
        job.succeed(copy);
    }

    /**
     * The task's exception as the submitter receives it: a copy, or, if it cannot cross (it or
     * something it holds is not serialisable), a {@link RemoteTaskException} that keeps the
     * class name, message and stack trace of it and of each of its causes.
     */
    static Throwable carriedBack(Throwable failure) {
        try {
            return (Throwable) deserialise(serialise(failure));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return asRemote(failure);
        }
    }

    static RemoteTaskException asRemote(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(failure);
        RemoteTaskException top = remoteCopy(failure);
        RemoteTaskException last = top;
        for (Throwable cause = failure.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            RemoteTaskException next = remoteCopy(cause);
            last.initCause(next);
            last = next;
        }
        return top;
    }

    private static RemoteTaskException remoteCopy(Throwable t) {
        return new RemoteTaskException(t.getClass().getName(), t.getMessage(), t.getStackTrace());
    }

    private static byte[] serialise(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialise(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
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

    @Override
    public String toString() {
        return name;
    }
}
