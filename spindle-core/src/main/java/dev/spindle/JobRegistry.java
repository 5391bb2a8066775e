package dev.spindle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The jobs a pool has accepted and not yet seen finish, so that {@code closeNow} can cancel
 * them whatever the backend (a fork/join pool, for one, cannot hand back its queued work).
 *
 * <h2>Implementation overview</h2>
 * Only submitters write here; workers never do, so no cache line crosses cores on a task's way
 * out (a concurrent map that workers remove from cost a pool about 90 ns a task). It is an
 * intrusive lock-free stack (Treiber) of the jobs themselves, linked through
 * {@link PoolJob#next}: a push is one CAS and allocates nothing. Finished jobs are removed
 * lazily: when the stack has grown past {@link #sweepAt}, the pusher that notices sweeps it,
 * keeping the unfinished jobs, and sets the next threshold to twice what remained, so the cost is
 * amortised O(1) a push and the stack holds at most about twice the unfinished jobs.
 *
 * <p>A sweep detaches the whole stack and pushes the survivors back, so for a moment they are in
 * no stack: sweeps and {@link #unfinished()} therefore hold one lock, and {@code unfinished}
 * always sees every job pushed before it was called.
 */
final class JobRegistry {

    private static final int MIN_SWEEP = 1024;

    private final AtomicReference<PoolJob> head = new AtomicReference<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile int sweepAt = MIN_SWEEP;

    void push(PoolJob job) {
        PoolJob top;
        do {
            top = head.get();
            job.next = top;
            job.depth = top == null ? 0 : top.depth + 1;
        } while (!head.compareAndSet(top, job));
        if (job.depth >= sweepAt && sweeping.tryLock()) {
            try {
                sweep();
            } finally {
                sweeping.unlock();
            }
        }
    }

    private void sweep() {
        List<PoolJob> survivors = new ArrayList<>();
        for (PoolJob job = head.getAndSet(null); job != null; job = job.next) {
            if (!job.isDone()) {
                survivors.add(job);
            }
        }
        for (int i = survivors.size() - 1; i >= 0; i--) {
            PoolJob survivor = survivors.get(i);
            PoolJob top;
            do {
                top = head.get();
                survivor.next = top;
                survivor.depth = top == null ? 0 : top.depth + 1;
            } while (!head.compareAndSet(top, survivor));
        }
        sweepAt = Math.max(MIN_SWEEP, 2 * survivors.size());
    }

    /** Every job pushed so far that has not finished, newest first. */
    List<PoolJob> unfinished() {
        sweeping.lock();
        try {
            List<PoolJob> jobs = new ArrayList<>();
            for (PoolJob job = head.get(); job != null; job = job.next) {
                if (!job.isDone()) {
                    jobs.add(job);
                }
            }
            return jobs;
        } finally {
            sweeping.unlock();
        }
    }
}
