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
 * A lock-free stack (Treiber) of {@link Slot}s, one per job: a push is one allocation and one CAS,
 * by the submitter. The one thing a worker does here is let go: when a job ends it clears its
 * slot's reference ({@link Slot#release}), a plain store to an object no other thread writes
 * after the push, so a finished job's result, task and inputs are never kept alive by the
 * registry, as {@link java.util.concurrent.FutureTask} lets go of its callable. (Removing the job
 * from a concurrent map instead cost a pool about 90 ns a task.)
 *
 * <p>Empty slots are dropped lazily: when the stack has grown past {@link #sweepAt}, the pusher
 * that notices sweeps it, keeping the occupied slots, and sets the next threshold to twice what
 * remained, so the cost is amortised O(1) a push and the stack holds at most about twice the
 * unfinished jobs' slots (24 bytes each).
 *
 * <p>A sweep detaches the whole stack and pushes the survivors back, so for a moment they are in
 * no stack: sweeps and {@link #unfinished()} therefore hold one lock, and {@code unfinished}
 * always sees every job pushed before it was called. A stale read of a slot's reference is
 * harmless: a job seen after it ended is simply found done.
 */
final class JobRegistry {

    private static final int MIN_SWEEP = 1024;

    /** One registered job; its reference is cleared when the job ends. */
    static final class Slot {
        private PoolJob job;
        private Slot next;
        private int depth; // how many slots were below this one when it was pushed

        Slot(PoolJob job) {
            this.job = job;
        }

        /** Called once the job has ended, by whichever thread ended it. */
        void release() {
            job = null;
        }
    }

    private final AtomicReference<Slot> head = new AtomicReference<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile int sweepAt = MIN_SWEEP;

    /** Registers a job by its slot, which the job releases when it ends. */
    void push(Slot slot) {
        link(slot);
        if (slot.depth >= sweepAt && sweeping.tryLock()) {
            try {
                sweep();
            } finally {
                sweeping.unlock();
            }
        }
    }

    private void link(Slot slot) {
        Slot top;
        do {
            top = head.get();
            slot.next = top;
            slot.depth = top == null ? 0 : top.depth + 1;
        } while (!head.compareAndSet(top, slot));
    }

    private void sweep() {
        List<Slot> survivors = new ArrayList<>();
        for (Slot slot = head.getAndSet(null); slot != null; slot = slot.next) {
            PoolJob job = slot.job;
            if (job != null && !job.isDone()) {
                survivors.add(slot);
            }
        }
        for (int i = survivors.size() - 1; i >= 0; i--) {
            link(survivors.get(i));
        }
        sweepAt = Math.max(MIN_SWEEP, 2 * survivors.size());
    }

    /** Every job pushed so far that has not finished, newest first. */
    List<PoolJob> unfinished() {
        sweeping.lock();
        try {
            List<PoolJob> jobs = new ArrayList<>();
            for (Slot slot = head.get(); slot != null; slot = slot.next) {
                PoolJob job = slot.job;
                if (job != null && !job.isDone()) {
                    jobs.add(job);
                }
            }
            return jobs;
        } finally {
            sweeping.unlock();
        }
    }
}
