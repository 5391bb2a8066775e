package dev.spindle.cluster.internal;

import dev.spindle.WorkerLostException;
import dev.spindle.cluster.MissingClassException;
import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgniteFuture;

import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a pool's jobs on the members of a cluster through Ignite's compute grid.
 *
 * <h2>Design</h2>
 * The backend keeps its own queue and sends at most {@code workers} jobs into the cluster at once,
 * so a pool's parallelism means what it means on every backend. It picks the member itself, the
 * one with the fewest of this pool's jobs running (in turn among equals), so that it knows where a
 * job runs before it runs: that is the worker its events name, and the member whose loss fails
 * the job. Ignite's own failover is off: when a member leaves, its jobs fail with
 * {@link WorkerLostException}, and the pool runs again only those marked idempotent.
 *
 * <p>Ignite completes its futures on its own threads; the outcome is decoded and the next job sent
 * on this pool's one dispatch thread instead, which keeps Ignite's threads free and the order of
 * events simple.
 */
public final class ClusterBackend implements Backend {

    private static final AtomicInteger POOLS = new AtomicInteger();
    /**
     * What a tiny task's round trip costs: serialisation both ways, Ignite's job messages, four
     * threads woken. Measured on one machine (docs/BENCHMARKS.md); across a network add a round
     * trip of it. map's automatic chunks run about fifty times this.
     */
    private static final Duration TASK_OVERHEAD = Duration.ofNanos(300_000);

    private record Parcel(Job job, byte[] task) {}

    private final ClusterMember member;
    private final int workers;
    private final String name;
    private final Runnable onTerminated;
    private final ExecutorService dispatcher;
    private final Object state = new Object();
    private final ArrayDeque<Parcel> waiting = new ArrayDeque<>(); // guarded by state
    private final Map<UUID, Integer> runningOn = new HashMap<>(); // guarded by state
    private final Map<Job, IgniteFuture<byte[]>> running = new HashMap<>(); // guarded by state
    private int inFlight; // guarded by state
    private int turn; // guarded by state
    private boolean shutdown; // guarded by state
    private boolean terminated; // guarded by state

    /**
     * @param member       the member this pool sends its jobs from
     * @param workers      how many jobs may run at once in the whole cluster
     * @param onTerminated run once when the pool has terminated (stops the member a pool owns)
     */
    public ClusterBackend(ClusterMember member, int workers, Runnable onTerminated) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        this.member = member;
        this.workers = workers;
        this.name = "cluster(" + workers + ")";
        this.onTerminated = onTerminated;
        int pool = POOLS.incrementAndGet();
        this.dispatcher = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().daemon().name("spindle-cluster-" + pool + "-dispatch").unstarted(r));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int parallelism() {
        return workers;
    }

    @Override
    public Duration taskOverhead() {
        return TASK_OVERHEAD;
    }

    /**
     * The bytes {@link #checkCarriable} made, for the {@link #dispatch} that follows on the same
     * thread: a task is serialised once, not twice.
     */
    private final ThreadLocal<Parcel> checked = new ThreadLocal<>();

    @Override
    public void checkCarriable(Job job) {
        checked.set(new Parcel(job, serialise(job)));
    }

    private byte[] serialise(Job job) {
        try {
            return Payloads.encode(job.task());
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(name + " cannot send the task to a member: " + e.getMessage() + " is not serialisable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot send the task to a member: " + e, e);
        }
    }

    @Override
    public void dispatch(Job job) {
        Parcel made = checked.get();
        checked.remove();
        byte[] task = made != null && made.job() == job ? made.task() : serialise(job); // a retry comes without a check
        synchronized (state) {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            waiting.add(new Parcel(job, task));
        }
        sendWhatFits();
    }

    /** Sends waiting jobs while fewer than {@code workers} run. */
    private void sendWhatFits() {
        while (true) {
            Parcel parcel;
            ClusterNode target;
            synchronized (state) {
                if (inFlight == workers || waiting.isEmpty()) {
                    return;
                }
                parcel = waiting.poll();
                target = target(parcel.job());
                inFlight++;
                if (target != null) {
                    runningOn.merge(target.id(), 1, Integer::sum);
                }
            }
            send(parcel, target);
        }
    }

    /** Where the job goes: its actor's member, or the least busy; null if there is none, or this member has stopped. */
    private ClusterNode target(Job job) {
        try {
            return job.task() instanceof Actors.Pinned pinned ? member.ignite().cluster().node(pinned.member()) : leastBusy();
        } catch (RuntimeException e) {
            return null; // Ignite refuses every call once its node has stopped
        }
    }

    /** The member running the fewest of this pool's jobs, in turn among equals; null if none is left. */
    private ClusterNode leastBusy() {
        List<ClusterNode> members = member.workers();
        if (members.isEmpty()) {
            return null;
        }
        ClusterNode best = null;
        int fewest = Integer.MAX_VALUE;
        int start = turn++;
        for (int i = 0; i < members.size(); i++) {
            ClusterNode candidate = members.get(Math.floorMod(start + i, members.size()));
            int load = runningOn.getOrDefault(candidate.id(), 0);
            if (load < fewest) {
                best = candidate;
                fewest = load;
            }
        }
        return best;
    }

    private void send(Parcel parcel, ClusterNode target) {
        Job job = parcel.job();
        if (target == null) {
            finished(job, null);
            if (job.task() instanceof Actors.Pinned pinned) {
                if (job.start(pinned.memberName(), () -> {})) {
                    job.fail(new WorkerLostException(pinned.memberName(), "the member left the cluster"));
                }
            } else if (job.start(member.name(), () -> {})) {
                job.fail(new IllegalStateException(name + " has no member that runs tasks: every member that did has left the cluster,"
                        + " and " + member.name() + " was started not to run them"));
            }
            return;
        }
        String worker = ClusterMember.nameOf(target);
        if (!job.start(worker, () -> cancelRemote(job))) {
            finished(job, target.id()); // cancelled while it waited: dropped
            return;
        }
        IgniteFuture<byte[]> future;
        try {
            future = member.computeOn(target).executeAsync(new RemoteCall.OnMember(target), parcel.task());
        } catch (IgniteException | IllegalStateException e) {
            finished(job, target.id());
            job.fail(lostOrFailed(target, worker, e));
            return;
        }
        synchronized (state) {
            running.put(job, future);
        }
        if (job.isDone()) {
            future.cancel(); // cancelled between start and the send
        }
        future.listenAsync(f -> complete(job, target, worker, f), dispatcher);
    }

    private void cancelRemote(Job job) {
        IgniteFuture<byte[]> future;
        synchronized (state) {
            future = running.get(job);
        }
        if (future != null) {
            future.cancel(); // Ignite calls the job's cancel on its member at once, which interrupts the task
        }
    }

    private void complete(Job job, ClusterNode target, String worker, IgniteFuture<byte[]> future) {
        try {
            byte[] outcome;
            try {
                outcome = future.get();
            } catch (RuntimeException e) {
                if (!job.isDone()) {
                    job.fail(lostOrFailed(target, worker, e));
                }
                return;
            }
            deliver(job, worker, outcome);
        } finally {
            finished(job, target.id());
            sendWhatFits();
        }
    }

    private void deliver(Job job, String worker, byte[] outcome) {
        byte[] body = Arrays.copyOfRange(outcome, 1, outcome.length);
        try {
            switch (RemoteCall.Outcome.of(outcome)) {
                case RESULT -> job.succeed(Payloads.decode(body, member.classes()));
                case THREW -> job.fail(Payloads.decodeFailure(body, member.classes()));
                case MISSING_CLASS -> job.fail(new MissingClassException(new String(body, StandardCharsets.UTF_8), worker));
                case UNREADABLE_TASK, UNSERIALISABLE_RESULT -> job.fail(new IllegalStateException(new String(body, StandardCharsets.UTF_8)));
            }
        } catch (ClassNotFoundException e) {
            job.fail(new IllegalStateException("the result of the task from member " + worker + " cannot be rebuilt here: class "
                    + e.getMessage() + " is not on this JVM's class path", e));
        } catch (IOException | RuntimeException e) {
            job.fail(new IllegalStateException("the result of the task from member " + worker + " cannot be rebuilt here: " + e, e));
        }
    }

    /** A member that left is a lost worker (the task may be retried); anything else, a failure of the cluster. */
    private RuntimeException lostOrFailed(ClusterNode target, String worker, Throwable e) {
        boolean gone;
        try {
            gone = !member.isMember(target.id());
        } catch (RuntimeException stopped) {
            gone = true; // this member has stopped: every other member is out of its reach
        }
        if (gone || causedByTopology(e)) {
            return new WorkerLostException(worker, "the member left the cluster", e);
        }
        return new IllegalStateException("the cluster failed to run the task on member " + worker + ": " + e.getMessage(), e);
    }

    private static boolean causedByTopology(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().startsWith("ClusterTopology")) {
                return true;
            }
        }
        return false;
    }

    private void finished(Job job, UUID node) {
        synchronized (state) {
            running.remove(job);
            inFlight--;
            if (node != null) {
                runningOn.computeIfPresent(node, (id, n) -> n == 1 ? null : n - 1);
            }
            state.notifyAll();
        }
    }

    @Override
    public void shutdown() {
        synchronized (state) {
            shutdown = true;
            state.notifyAll();
        }
    }

    @Override
    public void shutdownNow() {
        List<IgniteFuture<byte[]>> toCancel;
        synchronized (state) {
            shutdown = true;
            waiting.clear(); // the pool has cancelled them already
            toCancel = List.copyOf(running.values());
            state.notifyAll();
        }
        toCancel.forEach(IgniteFuture::cancel);
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long limit = nanos(timeout);
        synchronized (state) {
            while (!shutdown || inFlight > 0 || !waiting.isEmpty()) {
                long left = limit - (System.nanoTime() - start);
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(state, left);
            }
            if (terminated) {
                return true;
            }
            terminated = true;
        }
        dispatcher.shutdown();
        boolean stopped = dispatcher.awaitTermination(Math.max(0, limit - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
        onTerminated.run();
        return stopped;
    }

    /** The timeout in nanoseconds, saturated as {@code TimeUnit} does; zero or less for "do not wait". */
    private static long nanos(Duration timeout) {
        try {
            return Math.max(0, timeout.toNanos());
        } catch (ArithmeticException e) {
            return timeout.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }
}
