package dev.spindle.lab.workload;

import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.workload.CounterRaceWorkload.Variant;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counter that {@link CounterRaceWorkload}'s tasks share, with each variant's storage: the
 * lost-update race itself ({@link Variant#UNSYNCHRONIZED}) and its three fixes. Its own class so
 * that a test can run it under the testkit's {@code @Concurrently}, perturbed.
 */
final class RaceCounter {

    private static final VarHandle UNSYNCHRONIZED;

    static {
        try {
            UNSYNCHRONIZED = MethodHandles.lookup().findVarHandle(RaceCounter.class, "unsynchronized", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long unsynchronized; // accessed through UNSYNCHRONIZED only, in opaque mode
    long guarded;
    final AtomicLong atomic = new AtomicLong();
    final LongAdder adder = new LongAdder();

    /** The unsynchronised increment with a checkpoint between its read and its write. */
    void incrementWithSwitchPoint() {
        long read = (long) UNSYNCHRONIZED.getOpaque(this);
        Gil.checkpoint();
        UNSYNCHRONIZED.setOpaque(this, read + 1);
    }

    void increment(Variant variant) {
        switch (variant) {
            case UNSYNCHRONIZED -> UNSYNCHRONIZED.setOpaque(this, (long) UNSYNCHRONIZED.getOpaque(this) + 1);
            case SYNCHRONIZED -> {
                synchronized (this) {
                    guarded++;
                }
            }
            case ATOMIC -> atomic.incrementAndGet();
            case ADDER -> adder.increment();
        }
    }

    long value(Variant variant) {
        return switch (variant) {
            case UNSYNCHRONIZED -> (long) UNSYNCHRONIZED.getOpaque(this);
            case SYNCHRONIZED -> {
                synchronized (this) {
                    yield guarded;
                }
            }
            case ATOMIC -> atomic.get();
            case ADDER -> adder.sum();
        };
    }
}
