package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.process.shm.SharedAtomicLong;
import dev.spindle.process.shm.SharedLock;
import dev.spindle.process.shm.SharedLongArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The race's counters in shared memory, for tasks that run in other JVMs: the lost-update race
 * between processes, and its cross-process fixes. One set per execution of the workload,
 * unlinked when it closes.
 *
 * <p>{@code words} holds, as longs: at {@value #PLAIN} the unsynchronised counter, read and
 * written in opaque mode like the in-JVM one; at {@value #GUARDED} the counter under the lock;
 * from {@value #GATES} one start gate per variant (tasks arrived); from {@code GATES + 4} one
 * cell per task.
 */
final class SharedCounters implements AutoCloseable {

    private static final int PLAIN = 0;
    private static final int GUARDED = 1;
    private static final int GATES = 2;
    private static final int CELLS = GATES + CounterRaceWorkload.Variant.values().length;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long GATE_TIMEOUT_NANOS = 30_000_000_000L;
    private static final AtomicLong SETS = new AtomicLong();

    private final int tasks;
    private final SharedLongArray words;
    private final SharedLock lock;
    private final SharedAtomicLong atomic;

    SharedCounters(int tasks) {
        this.tasks = tasks;
        String name = "lab-race-" + ProcessHandle.current().pid() + "-" + SETS.incrementAndGet();
        this.words = SharedLongArray.create(name + "-words", CELLS + tasks);
        this.lock = SharedLock.create(name + "-lock");
        this.atomic = SharedAtomicLong.create(name + "-atomic", 0);
    }

    CounterRaceWorkload.Count count(Pool pool, CounterRaceWorkload.Variant variant, long increments) throws Exception {
        SharedLongArray words = this.words;
        SharedLock lock = this.lock;
        SharedAtomicLong atomic = this.atomic;
        int tasks = this.tasks;
        long each = increments * variant.scale() / tasks;
        List<CompletableFuture<Void>> futures = new ArrayList<>(tasks);
        long start = System.nanoTime();
        for (int t = 0; t < tasks; t++) {
            int task = t;
            futures.add(pool.run(() -> {
                MemorySegment memory = words.asSegment();
                arriveAndWait(memory, GATES + variant.ordinal(), tasks);
                for (long i = 0; i < each; i++) {
                    switch (variant) {
                        case UNSYNCHRONIZED -> LONG.setOpaque(memory, PLAIN * 8L, (long) LONG.getOpaque(memory, PLAIN * 8L) + 1);
                        case SYNCHRONIZED -> {
                            lock.lock();
                            try {
                                words.set(GUARDED, words.get(GUARDED) + 1);
                            } finally {
                                lock.unlock();
                            }
                        }
                        case ATOMIC -> atomic.incrementAndGet();
                        case ADDER -> {
                            long cell = (CELLS + task) * 8L;
                            LONG.setOpaque(memory, cell, (long) LONG.getOpaque(memory, cell) + 1);
                        }
                    }
                }
            }));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
        long nanos = System.nanoTime() - start;
        return new CounterRaceWorkload.Count(variant, each * tasks, value(variant), nanos);
    }

    /** The start gate: every task counts itself in, then spins until all have (they run in parallel). */
    private static void arriveAndWait(MemorySegment memory, int gate, int tasks) {
        long deadline = System.nanoTime() + GATE_TIMEOUT_NANOS;
        LONG.getAndAdd(memory, gate * 8L, 1L);
        while ((long) LONG.getVolatile(memory, gate * 8L) < tasks) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the other tasks never reached the start gate: the pool cannot run "
                        + tasks + " tasks at once");
            }
            Thread.onSpinWait();
        }
    }

    private long value(CounterRaceWorkload.Variant variant) {
        return switch (variant) {
            case UNSYNCHRONIZED -> words.get(PLAIN);
            case SYNCHRONIZED -> words.get(GUARDED);
            case ATOMIC -> atomic.get();
            case ADDER -> {
                long sum = 0;
                for (int t = 0; t < tasks; t++) {
                    sum += words.get(CELLS + t);
                }
                yield sum;
            }
        };
    }

    @Override
    public void close() {
        words.unlink();
        lock.unlink();
        atomic.unlink();
        words.close();
        lock.close();
        atomic.close();
    }
}
