package dev.spindle.lab.gil;

import dev.spindle.spi.Backend;
import dev.spindle.spi.Job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lab's {@code gil} strategy as a {@link Backend}: n platform threads, as in the
 * {@code threads} strategy, that run their jobs only while holding the emulated {@link Gil}.
 * Use it through {@code Pool.using(new GilBackend(n, interval))}.
 *
 * <h2>How the workers run</h2>
 * Each worker is a loop over one shared FIFO queue, written here rather than borrowed from a
 * {@code ThreadPoolExecutor} so that it behaves like a CPython pool thread:
 * <pre>
 *   take the GIL
 *   loop:  job = queue.poll()
 *          if none: release the GIL, wait for a job (blocking), take the GIL again
 *          job.runHere(...)            the task gives the GIL up only at checkpoints
 *          checkpoint                  a job boundary is one more place to switch
 *   release the GIL
 * </pre>
 * A worker keeps the GIL from one job to the next, as a CPython thread keeps it while it takes
 * the next item from a work queue that has one: the job boundary is not a forced switch. (Handing
 * the lock over at every boundary would charge each task a thread wake-up, which is not what a
 * GIL costs.) Workers wait for the GIL uninterruptibly: a job cancelled meanwhile is declined by
 * {@code runHere}, so nothing is lost and the lock is never left held.
 *
 * <h2>Lifecycle</h2>
 * The backend installs the JVM's one GIL and starts its daemon workers when it is created, and
 * removes the GIL when its last worker has stopped, so only one {@code gil} pool can be open at a
 * time. {@link #shutdown()} queues one stop marker per worker behind the jobs already dispatched,
 * so those still run; {@link #shutdownNow()} drops the queue (the pool has cancelled those jobs)
 * and interrupts the workers. Dispatch and shutdown share a lock, so no job is queued behind the
 * stop markers.
 */
public final class GilBackend implements Backend {

    private static final AtomicInteger POOLS = new AtomicInteger();
    /** What a worker takes from the queue: a job to run, or the marker that tells it to stop. */
    private sealed interface Item permits Run, Stop {}

    private record Run(Job job) implements Item {}

    private enum Stop implements Item { MARKER }

    private final String name;
    private final int workers;
    private final Gil gil;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads;
    private final AtomicInteger alive;
    private final CountDownLatch stopped;
    private final Object state = new Object();
    private boolean shutdown; // guarded by state

    /**
     * @param workers        how many threads take turns on the GIL
     * @param switchInterval how long a holder keeps the GIL before it hands it to a waiting thread
     * @throws IllegalArgumentException if {@code workers < 1} or the interval is not positive
     * @throws IllegalStateException if another GIL is installed (an open {@code gil} pool)
     */
    public GilBackend(int workers, Duration switchInterval) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        this.workers = workers;
        this.name = "gil(" + workers + ")";
        Gil.requireValidInterval(switchInterval);
        this.gil = Gil.install(name, switchInterval);
        this.alive = new AtomicInteger(workers);
        this.stopped = new CountDownLatch(workers);
        Thread.Builder builder = Thread.ofPlatform().daemon().name("spindle-gil-" + POOLS.incrementAndGet() + "-", 0);
        List<Thread> started = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            started.add(builder.start(this::work));
        }
        this.threads = List.copyOf(started);
    }

    /** The GIL this backend's workers share. */
    public Gil gil() {
        return gil;
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
    public boolean ownsCurrentThread() {
        return threads.contains(Thread.currentThread());
    }

    @Override
    public void dispatch(Job job) {
        synchronized (state) {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            queue.add(new Run(job));
        }
    }

    private void work() {
        String worker = Thread.currentThread().getName();
        gil.acquire();
        try {
            while (true) {
                Item next = queue.poll();
                if (next == null) {
                    gil.release();
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        return; // shut down now (the GIL is taken back in the finally, released below)
                    } finally {
                        gil.acquire();
                    }
                }
                if (!(next instanceof Run(Job job))) {
                    return;
                }
                job.runHere(worker);
                gil.switchIfDue();
            }
        } finally {
            gil.release();
            if (alive.decrementAndGet() == 0) {
                gil.uninstall(); // before the last count-down: a closed pool has no GIL left
            }
            stopped.countDown();
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
        return stopped.await(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS); // saturates: a huge timeout waits forever
    }
}
