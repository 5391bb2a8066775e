package dev.spindle.process.internal;

import dev.spindle.PayloadTooLargeException;
import dev.spindle.RemoteTaskException;
import dev.spindle.TaskTimeoutException;
import dev.spindle.WorkerLostException;
import dev.spindle.process.UnserializableResultException;
import dev.spindle.process.WorkerStartException;
import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import java.io.IOException;
import java.io.NotSerializableException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Backend} whose workers are JVMs of their own. Not API: users reach it through
 * {@code ProcessPool} or {@code Pool.processes(n)}.
 *
 * <h2>Implementation overview</h2>
 * Each worker JVM ({@link WorkerProcess}) has one platform thread in this JVM, its <em>reader</em>:
 * it starts the worker, then reads its frames until the connection ends, and reports each event
 * to this class: {@link #ready}, {@link #finished}, {@link #ended}, {@link #startFailed}. One
 * lock guards the whole schedule:
 * <ul>
 *   <li>{@code queue}: jobs dispatched and not yet given to a worker, with their tasks' bytes;</li>
 *   <li>{@code idle}: ready workers with nothing to run; {@code standby}: ready workers kept in
 *       reserve, not counted among the pool's workers;</li>
 *   <li>{@code counted}: workers that count toward {@code workers} (starting, idle or busy);</li>
 *   <li>{@code all}: every worker whose process has not been seen to end.</li>
 * </ul>
 * Every change to the schedule ends in {@link #fill()}, the one place that pairs queued jobs with
 * idle workers (promoting a standby worker when no idle one is left), starts workers for queued
 * jobs or missing standbys, and stops idle workers once the pool is shut down and the queue is
 * empty. It only decides; what it decided ({@link Moves}) is carried out after the lock is
 * released, because starting a job calls the pool's listeners, and sending a frame may block.
 *
 * <h2>A job's path</h2>
 * {@code checkCarriable} serialises the task on the submitter's thread and hands the bytes to the
 * {@code dispatch} that follows; {@code dispatch} queues them and fills. The worker chosen for the
 * job has it as {@code current} from that moment, so no one else chooses it; the thread that
 * carries out the move calls {@link Job#start} and then sends RUN. The worker's reader takes the
 * answer, releases the worker (which fill may give the next job at once) and then completes the
 * job, so a worker never waits for what the job's completion sets off.
 *
 * <h2>At most once, and nothing lost</h2>
 * A worker whose connection ends fails its {@code current} job with a
 * {@link WorkerLostException} carrying its exit code and last output, or with a
 * {@link TaskTimeoutException} if the pool killed it at its time limit. Between fill choosing a
 * worker and {@code start} returning, the worker may die: {@code jobStarted} tells which side fails
 * the job. {@link #ended} fails it if it had started; otherwise the mover, which reads
 * {@code ended} under the lock after {@code start}, fails it. Each job is thus failed by exactly
 * one thread, and never sent to a worker that has ended.
 *
 * <h2>Start failures do not loop</h2>
 * A worker that cannot start (the JVM refuses an option, the initializer throws) sets
 * {@code startFailure}, which stops fill from starting workers until the next {@code dispatch}.
 * If no counted worker is left, the queued jobs fail with the start error instead of waiting for
 * a worker that will never come.
 *
 * <h2>Closing</h2>
 * {@code shutdown} lets the queue drain, then stops each worker with STOP. {@code shutdownNow}
 * drops the queue (the pool has cancelled those jobs), sends CANCEL to every busy worker and kills
 * those still busy after {@link #CANCEL_GRACE}, so closing never hangs on a task that ignores
 * interrupts. Termination is {@code all} being empty; then the private directory is deleted.
 */
public final class ProcessBackend implements Backend {

    private static final System.Logger LOG = System.getLogger(ProcessBackend.class.getName());

    /** How long a task cancelled by {@code closeNow} may take to stop before its worker is killed. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(2);

    /**
     * About what a task costs through a worker JVM, from submit to its result: two frames over a
     * Unix socket, serialisation both ways, four threads woken (the submitter's, the pool's reader
     * and the worker's two). A tiny task's round trip measured 170 to 270 µs on two cores
     * (docs/BENCHMARKS.md), so map's automatic chunks run for about 12 ms each.
     */
    private static final Duration TASK_OVERHEAD = Duration.ofNanos(250_000);

    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final ThreadLocal<ProcessBackend> READER_OF = new ThreadLocal<>();

    private final Settings settings;
    private final String name;
    private final int pool = POOLS.incrementAndGet();
    private final WorkerDirectory directory;
    private final WorkerCommand command;
    private final byte[] initializer;
    private final ThreadLocal<Checked> checked = new ThreadLocal<>();
    private final AtomicInteger workerIds = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final Thread onExit;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminated = lock.newCondition();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();            // guarded by lock
    private final ArrayDeque<WorkerProcess> idle = new ArrayDeque<>();      // guarded by lock
    private final ArrayDeque<WorkerProcess> standby = new ArrayDeque<>();   // guarded by lock
    private final Set<WorkerProcess> all = new LinkedHashSet<>();          // guarded by lock
    private int counted;                                                   // guarded by lock
    private boolean shutdown;                                              // guarded by lock
    private WorkerStartException startFailure;                             // guarded by lock

    /** A dispatched job waiting for a worker, with its task serialised. */
    private record Queued(Job job, byte[] task) {}

    /** What {@code checkCarriable} serialised, for the {@code dispatch} that follows on the same thread. */
    private record Checked(Job job, byte[] task) {}

    /** A job for a worker. */
    private record Assignment(WorkerProcess worker, Queued queued) {}

    /** What fill decided, carried out after the lock is released. */
    private record Moves(List<Assignment> runs, List<WorkerProcess> stops) {
        Moves() {
            this(new ArrayList<>(2), new ArrayList<>(0));
        }
    }

    /**
     * Starts the pool's directory and, if the settings ask for it, its first workers.
     *
     * @throws IllegalArgumentException if the initializer cannot be serialised
     * @throws WorkerStartException if a worker started here cannot start
     */
    public ProcessBackend(Settings settings) {
        this.settings = settings;
        this.name = "processes(" + settings.workers() + ")";
        this.initializer = encodeInitializer(settings);
        this.directory = WorkerDirectory.create();
        this.command = new WorkerCommand(settings, directory.path());
        this.onExit = Thread.ofPlatform().unstarted(this::killEverything);
        Runtime.getRuntime().addShutdownHook(onExit);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        lock.lock();
        try {
            for (int i = settings.startAll() ? settings.workers() : 0; i > 0; i--) {
                starts.add(launch(true));
            }
            for (int i = settings.standby(); i > 0; i--) {
                starts.add(launch(false));
            }
        } finally {
            lock.unlock();
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            shutdownNow();
            awaitQuietly();
            if (e.getCause() instanceof WorkerStartException failed) {
                throw new WorkerStartException(failed.getMessage(), failed.getCause());
            }
            throw e;
        }
    }

    private static byte[] encodeInitializer(Settings settings) {
        if (settings.initializer() == null) {
            return new byte[0];
        }
        try {
            return Codec.encode(settings.initializer());
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the initializer cannot be sent to the workers: " + e.getMessage()
                    + " is not serialisable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the initializer cannot be sent to the workers: " + e, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int parallelism() {
        return settings.workers();
    }

    @Override
    public Duration taskOverhead() {
        return TASK_OVERHEAD;
    }

    /**
     * Serialises the task.
     *
     * @throws IllegalArgumentException naming the class that cannot be serialised
     * @throws PayloadTooLargeException if it is larger than the pool's message limit
     */
    @Override
    public void checkCarriable(Job job) {
        checked.set(new Checked(job, serialise(job)));
    }

    private byte[] serialise(Job job) {
        byte[] bytes;
        try {
            bytes = Codec.encode(job.task());
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(name + " cannot carry the task: " + e.getMessage() + " is not serialisable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot carry the task: " + e, e);
        }
        if (bytes.length > settings.maxMessageBytes()) {
            throw new PayloadTooLargeException(PayloadTooLargeException.Payload.TASK, bytes.length, settings.maxMessageBytes());
        }
        return bytes;
    }

    @Override
    public void dispatch(Job job) {
        Checked last = checked.get();
        checked.remove();
        byte[] task = last != null && last.job() == job ? last.task() : serialise(job);
        Moves moves;
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            queue.add(new Queued(job, task));
            startFailure = null;
            moves = fill();
        } finally {
            lock.unlock();
        }
        carryOut(moves);
    }

    @Override
    public boolean ownsCurrentThread() {
        return READER_OF.get() == this;
    }

    // ---- the schedule (every method here runs with the lock held) ----

    private Moves fill() {
        return fill(new Moves());
    }

    private Moves fill(Moves moves) {
        while (!queue.isEmpty()) {
            WorkerProcess worker = idle.pollFirst();
            if (worker == null && !standby.isEmpty() && (counted < settings.workers() || demoteOneStarting())) {
                worker = standby.pollFirst();
                worker.counted = true;
                counted++;
            }
            if (worker == null) {
                break;
            }
            Queued next = queue.pollFirst();
            worker.current = next.job();
            worker.jobStarted = false;
            worker.cancelSent = false;
            moves.runs().add(new Assignment(worker, next));
        }
        if (startFailure == null) {
            int starting = 0;
            int standbyStarting = 0;
            for (WorkerProcess worker : all) {
                if (!worker.ready && !worker.stopping) {
                    if (worker.counted) {
                        starting++;
                    } else {
                        standbyStarting++;
                    }
                }
            }
            int missing = settings.workers() - counted;
            int wanted = settings.startAll() && !shutdown ? missing : Math.min(missing, queue.size() - starting);
            for (int i = 0; i < wanted; i++) {
                launch(true);
            }
            for (int i = shutdown ? 0 : settings.standby() - standby.size() - standbyStarting; i > 0; i--) {
                launch(false);
            }
        }
        if (shutdown && queue.isEmpty()) {
            for (WorkerProcess worker : List.copyOf(idle)) {
                stop(worker, moves);
            }
            for (WorkerProcess worker : List.copyOf(standby)) {
                stop(worker, moves);
            }
        }
        return moves;
    }

    /**
     * Makes room for a ready standby worker among the counted ones by counting a worker that is
     * still starting as a standby instead: a queued job should not wait for a JVM to start while a
     * started one waits in reserve.
     */
    private boolean demoteOneStarting() {
        for (WorkerProcess worker : all) {
            if (worker.counted && !worker.ready && !worker.stopping) {
                uncount(worker);
                return true;
            }
        }
        return false;
    }

    private void stop(WorkerProcess worker, Moves moves) {
        if (worker.stopping) {
            return;
        }
        worker.stopping = true;
        uncount(worker);
        idle.remove(worker);
        standby.remove(worker);
        moves.stops().add(worker);
    }

    private void uncount(WorkerProcess worker) {
        if (worker.counted) {
            worker.counted = false;
            counted--;
        }
    }

    /** Starts a worker on a reader thread of its own; the future completes when it is ready. */
    private CompletableFuture<Void> launch(boolean countIt) {
        String token = HexFormat.of().formatHex(token());
        WorkerProcess worker = new WorkerProcess("process-" + pool + "." + workerIds.incrementAndGet(), directory.path(), token);
        worker.counted = countIt;
        if (countIt) {
            counted++;
        }
        all.add(worker);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("spindle-" + worker.name).start(() -> read(worker, started));
        return started;
    }

    private byte[] token() {
        byte[] token = new byte[16];
        random.nextBytes(token);
        return token;
    }

    // ---- a worker's reader thread ----

    private void read(WorkerProcess worker, CompletableFuture<Void> started) {
        READER_OF.set(this);
        try {
            worker.start(command.forWorker(worker), settings.maxMessageBytes(), initializer);
        } catch (WorkerStartException e) {
            command.ended(worker, false);
            startFailed(worker, e);
            started.completeExceptionally(e);
            return;
        } catch (InterruptedException e) {
            worker.kill();
            startFailed(worker, new WorkerStartException("worker " + worker.name + " was interrupted while it started", e));
            started.completeExceptionally(e);
            return;
        }
        started.complete(null);
        ready(worker);
        try {
            while (true) {
                Wire.Frame frame = worker.read();
                if (frame.type() >= Wire.CHANNEL_SEND && frame.type() <= Wire.CHANNEL_RETURN) {
                    ChannelHub.serve(worker, frame, worker::send);
                    continue;
                }
                if (frame.type() != Wire.RESULT && frame.type() != Wire.FAILURE) {
                    LOG.log(Level.ERROR, "{0} sent a frame of type {1} out of turn; killing it", worker, frame.type());
                    worker.kill();
                    break;
                }
                finished(worker, frame);
            }
        } catch (IOException e) {
            // the connection ended: the worker exited, was killed, or broke the protocol
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, worker + " broke the protocol; killing it", e);
            worker.kill();
        }
        ended(worker);
    }

    private void ready(WorkerProcess worker) {
        Moves moves;
        lock.lock();
        try {
            worker.ready = true;
            if (!worker.stopping) {
                (worker.counted ? idle : standby).addFirst(worker);
            }
            moves = fill();
        } finally {
            lock.unlock();
        }
        carryOut(moves);
    }

    /**
     * The worker answered its job: the worker takes its next job first, then the job is completed,
     * so the worker does not wait while the job's dependents run (a map refilling its window
     * serialises the next task right there).
     */
    private void finished(WorkerProcess worker, Wire.Frame frame) {
        Job job;
        Moves moves = new Moves();
        lock.lock();
        try {
            job = worker.current;
            if (job == null || job.id() != frame.id()) {
                throw new IllegalStateException(worker + " answered job " + frame.id() + " while it ran " + job);
            }
            clearDeadline(worker);
            worker.current = null;
            worker.tasksRun++;
            release(worker, moves);
            fill(moves);
        } finally {
            lock.unlock();
        }
        carryOut(moves);
        complete(worker, job, frame);
    }

    private void complete(WorkerProcess worker, Job job, Wire.Frame frame) {
        if (frame.type() == Wire.RESULT) {
            Object result;
            try {
                result = Codec.decode(frame.body());
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                job.fail(new UnserializableResultException("the result of task " + job.id() + " from " + worker
                        + " cannot be rebuilt here: " + e, e));
                return;
            }
            job.succeed(result);
        } else {
            Throwable error;
            try {
                error = Codec.decodeFailure(frame.body());
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                error = new RemoteTaskException(e.getClass().getName(), "the exception of task " + job.id() + " from "
                        + worker + " cannot be rebuilt here: " + e.getMessage(), e.getStackTrace());
            }
            job.fail(error);
        }
    }

    /** The worker has answered its job, or its job was cancelled first: it takes the next, or retires. */
    private void release(WorkerProcess worker, Moves moves) {
        if (worker.ended || worker.stopping) {
            return;
        }
        if (settings.maxTasksPerWorker() > 0 && worker.tasksRun >= settings.maxTasksPerWorker()) {
            stop(worker, moves);
        } else {
            idle.addFirst(worker);
        }
    }

    private void ended(WorkerProcess worker) {
        String report;
        try {
            report = worker.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report = "its end could not be awaited";
        }
        boolean wasStopping;
        lock.lock();
        try {
            wasStopping = worker.stopping && !worker.timedOut;
        } finally {
            lock.unlock();
        }
        command.ended(worker, wasStopping && worker.exitCode() == Exits.STOPPED);
        Job job;
        boolean timedOut;
        boolean expected;
        Moves moves;
        lock.lock();
        try {
            worker.ended = true;
            all.remove(worker);
            idle.remove(worker);
            standby.remove(worker);
            uncount(worker);
            clearDeadline(worker);
            job = worker.jobStarted ? worker.current : null;
            worker.current = null;
            timedOut = worker.timedOut;
            expected = worker.stopping;
            moves = fill();
            if (all.isEmpty()) {
                terminated.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (job != null) {
            job.fail(timedOut ? new TaskTimeoutException(worker.label(), settings.taskTimeout())
                    : new WorkerLostException(worker.label(), report));
        } else if (!expected) {
            LOG.log(Level.WARNING, "{0} was lost while idle: {1}", worker, report);
        }
        carryOut(moves);
        cleanUpIfTerminated();
    }

    private void startFailed(WorkerProcess worker, WorkerStartException error) {
        List<Queued> orphans = List.of();
        Moves moves;
        lock.lock();
        try {
            worker.ended = true;
            all.remove(worker);
            uncount(worker);
            if (!worker.stopping) {
                startFailure = error;
                if (counted == 0) {
                    orphans = List.copyOf(queue);
                    queue.clear();
                }
            }
            moves = fill();
            if (all.isEmpty()) {
                terminated.signalAll();
            }
        } finally {
            lock.unlock();
        }
        for (Queued orphan : orphans) {
            if (orphan.job().start(worker.name, () -> {})) {
                orphan.job().fail(error);
            }
        }
        if (!worker.stopping && orphans.isEmpty()) {
            LOG.log(Level.WARNING, "{0}", error.getMessage());
        }
        carryOut(moves);
        cleanUpIfTerminated();
    }

    // ---- moves, outside the lock ----

    private void carryOut(Moves moves) {
        for (WorkerProcess worker : moves.stops()) {
            worker.sendQuietly(Wire.STOP, 0);
        }
        for (Assignment assignment : moves.runs()) {
            run(assignment.worker(), assignment.queued());
        }
    }

    private void run(WorkerProcess worker, Queued queued) {
        Job job = queued.job();
        boolean started = job.start(worker.label(), () -> cancel(worker, job));
        String lostReport = null;
        Moves moves = null;
        lock.lock();
        try {
            if (!started) {
                worker.current = null;
                moves = new Moves();
                release(worker, moves);
                fill(moves);
            } else if (worker.ended) {
                lostReport = "it ended before the task could be sent";
            } else {
                worker.jobStarted = true;
                if (settings.taskTimeout() != null) {
                    worker.deadline = Timer.schedule(() -> timeOut(worker, job), settings.taskTimeout());
                }
            }
        } finally {
            lock.unlock();
        }
        if (moves != null) {
            carryOut(moves);
        } else if (lostReport != null) {
            job.fail(new WorkerLostException(worker.label(), lostReport));
        } else {
            try {
                worker.send(Wire.RUN, job.id(), queued.task());
            } catch (IOException e) {
                // the worker is gone; its reader fails the job
            }
        }
    }

    /**
     * Sends CANCEL for the worker's job, once: the pool's canceller and {@code shutdownNow} both
     * ask, and a second interrupt would land in whatever the task does about the first (its
     * clean-up, its {@code finally}).
     */
    private void cancel(WorkerProcess worker, Job job) {
        lock.lock();
        try {
            if (worker.current != job || worker.cancelSent) {
                return;
            }
            worker.cancelSent = true;
        } finally {
            lock.unlock();
        }
        worker.sendQuietly(Wire.CANCEL, job.id());
    }

    private void timeOut(WorkerProcess worker, Job job) {
        lock.lock();
        try {
            if (worker.current != job || worker.ended) {
                return;
            }
            worker.timedOut = true;
            worker.stopping = true;
        } finally {
            lock.unlock();
        }
        worker.kill();
    }

    private void clearDeadline(WorkerProcess worker) {
        if (worker.deadline != null) {
            worker.deadline.cancel(false);
            worker.deadline = null;
        }
    }

    // ---- closing ----

    @Override
    public void shutdown() {
        Moves moves;
        lock.lock();
        try {
            shutdown = true;
            moves = fill();
        } finally {
            lock.unlock();
        }
        carryOut(moves);
        cleanUpIfTerminated();
    }

    @Override
    public void shutdownNow() {
        record Busy(WorkerProcess worker, Job job) {}
        List<Busy> busy = new ArrayList<>();
        List<WorkerProcess> starting = new ArrayList<>();
        Moves moves;
        lock.lock();
        try {
            shutdown = true;
            queue.clear();
            for (WorkerProcess worker : all) {
                if (worker.current != null) {
                    busy.add(new Busy(worker, worker.current));
                } else if (!worker.ready) {
                    worker.stopping = true;
                    starting.add(worker);
                }
            }
            moves = fill();
        } finally {
            lock.unlock();
        }
        for (WorkerProcess worker : starting) {
            worker.kill();
        }
        for (Busy each : busy) {
            cancel(each.worker(), each.job());
            Timer.schedule(() -> killIfStill(each.worker(), each.job()), CANCEL_GRACE);
        }
        carryOut(moves);
        cleanUpIfTerminated();
    }

    private void killIfStill(WorkerProcess worker, Job job) {
        lock.lock();
        try {
            if (worker.current != job || worker.ended) {
                return;
            }
            worker.stopping = true;
        } finally {
            lock.unlock();
        }
        worker.kill();
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long nanos = timeout.isNegative() ? 0 : saturated(timeout);
        lock.lock();
        try {
            while (!all.isEmpty() || !shutdown) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = terminated.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
        cleanUpIfTerminated();
        return true;
    }

    private static long saturated(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private void awaitQuietly() {
        try {
            awaitTermination(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cleanUpIfTerminated() {
        lock.lock();
        try {
            if (!shutdown || !all.isEmpty()) {
                return;
            }
        } finally {
            lock.unlock();
        }
        if (directory.delete()) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs anyway
            }
        }
    }

    /** The JVM exits without the pool having been closed: no worker and no file outlives it. */
    private void killEverything() {
        List<WorkerProcess> workers;
        lock.lock();
        try {
            workers = List.copyOf(all);
        } finally {
            lock.unlock();
        }
        for (WorkerProcess worker : workers) {
            worker.kill();
        }
        for (WorkerProcess worker : workers) {
            worker.awaitKilled(TimeUnit.SECONDS.toMillis(2));
        }
        directory.delete();
    }

    @Override
    public String toString() {
        return name;
    }
}
