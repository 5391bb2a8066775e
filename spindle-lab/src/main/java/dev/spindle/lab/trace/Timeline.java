package dev.spindle.lab.trace;

import dev.spindle.Pool;
import dev.spindle.Subscription;
import dev.spindle.TaskEvent;
import dev.spindle.lab.gil.Gil;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What happened on a pool during one run, from its task events: one span per task on the worker
 * that ran it, and, under an emulated GIL, every hand-over of the lock. The lab draws it (the
 * HTML report's timelines) and exports it ({@link ChromeTrace}); the {@code schedule} workload
 * reads each worker's busy time from it.
 *
 * @param spans     the tasks, by start time; times in nanoseconds since the run began
 * @param handOvers the GIL's hand-overs, by time: the lock went to another thread
 * @param dropped   tasks left out beyond {@link #MAX_SPANS}
 * @param busy      each worker's busy time, the sum of all its tasks' spans (dropped ones too), in
 *                  nanoseconds, by worker in the order they first finished a task
 */
public record Timeline(List<Span> spans, List<HandOver> handOvers, long dropped, Map<String, Long> busy) {

    /** Spans kept per run: enough to see the schedule, bounded so that a fan-out of 100,000 tasks costs little. */
    public static final int MAX_SPANS = 5_000;

    /**
     * How long {@link Recorder#finish} waits for the end events of tasks whose results are already
     * in: they follow within microseconds, so this bounds only a task that never ends (one left
     * running by a workload that gave up on it).
     */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);

    public Timeline {
        spans = List.copyOf(spans);
        handOvers = List.copyOf(handOvers);
        busy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(busy));
    }

    /** One task on one worker; {@code failed} if it threw, was cancelled, or lost its worker. */
    public record Span(String worker, long taskId, long startNanos, long endNanos, boolean failed) {}

    /** The GIL passed to thread {@code to} at {@code atNanos}. */
    public record HandOver(long atNanos, String to) {}

    /** The workers in the order they first ran a task. */
    public List<String> workers() {
        return spans.stream().map(Span::worker).distinct().toList();
    }

    /** Starts recording the tasks of {@code pool}, and the GIL's hand-overs if one is installed. */
    public static Recorder record(Pool pool) {
        return new Recorder(pool);
    }

    /**
     * Listens to a pool until {@link #finish}. A task's future completes before its finished
     * event is sent, so a run's result can be in while the last events are on their way:
     * {@code finish} waits (a bounded time) until every started task has finished.
     */
    public static final class Recorder implements AutoCloseable {
        private final long origin = System.nanoTime();
        private final Map<Long, TaskEvent.Started> started = new HashMap<>(); // guarded by this
        private final List<Span> spans = new ArrayList<>();                   // guarded by this
        private long dropped;                                                  // guarded by this
        private final Map<String, Long> busy = new LinkedHashMap<>();          // guarded by this
        private final Subscription events;
        private final Gil.HandOverRecording gil;

        private Recorder(Pool pool) {
            this.events = pool.listen(this::heard);
            this.gil = Gil.recordHandOvers();
        }

        private synchronized void heard(TaskEvent event) {
            switch (event) {
                case TaskEvent.Started s -> started.put(s.taskId(), s);
                case TaskEvent.Finished f -> end(f.taskId(), f.nanoTime(), false);
                case TaskEvent.Failed f -> end(f.taskId(), f.nanoTime(), true);
                case TaskEvent.Cancelled c -> end(c.taskId(), c.nanoTime(), true); // a running task interrupted
                case TaskEvent.Retrying r -> end(r.taskId(), r.nanoTime(), true);  // its worker was lost; it starts again
                default -> { }
            }
        }

        private void end(long taskId, long at, boolean failed) {
            TaskEvent.Started s = started.remove(taskId);
            if (s == null) {
                return;
            }
            busy.merge(s.worker(), at - s.nanoTime(), Long::sum);
            if (spans.size() < MAX_SPANS) {
                spans.add(new Span(s.worker(), taskId, s.nanoTime() - origin, at - origin, failed));
            } else {
                dropped++;
            }
            notifyAll();
        }

        /** Waits for the tasks still running to end (at most two seconds), stops listening, and returns the timeline. */
        public Timeline finish() {
            List<Gil.HandOver> raw;
            synchronized (this) {
                long deadline = System.nanoTime() + QUIET_NANOS;
                try {
                    while (!started.isEmpty()) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break; // report what arrived rather than hang on a task that never ends
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            close();
            raw = gil.handOvers();
            List<HandOver> handOvers = new ArrayList<>();
            String holder = null;
            for (Gil.HandOver h : raw) {
                if (!h.thread().equals(holder) && h.nanoTime() >= origin) {
                    handOvers.add(new HandOver(h.nanoTime() - origin, h.thread()));
                }
                holder = h.thread();
            }
            synchronized (this) {
                spans.sort(Comparator.comparingLong(Span::startNanos));
                return new Timeline(spans, handOvers, dropped, busy);
            }
        }

        @Override
        public void close() {
            events.close();
            gil.close();
        }
    }
}
