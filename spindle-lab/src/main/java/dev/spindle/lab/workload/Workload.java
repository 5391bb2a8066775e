package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.strategy.Strategy;

import java.io.Serializable;
import java.util.Optional;

/**
 * One of the seeds' classic experiments, runnable on any {@link Pool}.
 *
 * <p>The harness times {@link #execute} alone and then hands its result to {@link #verify}, which
 * is never skipped: every run of every workload, warm-ups included, is checked, and a wrong result
 * is a failed run. {@code execute} runs its tasks through the pool it is given ({@code map} or
 * {@code submit}), never on threads of its own, so the strategy decides where the work runs; its
 * hot loops call {@link dev.spindle.lab.gil.Gil#checkpoint()} so that the {@code gil} strategy can
 * switch threads there, as CPython does between bytecodes.
 *
 * <p>A workload is immutable and may be run any number of times, on one pool after another. It is
 * serialisable, with the inputs and results of its tasks, because its tasks capture it and the
 * {@code processes} strategy carries them to worker JVMs.
 *
 * @param <R> what one execution produces, for {@link #verify}
 */
public interface Workload<R> extends Serializable {

    /** Whether a workload's time is a speed-up to compare, or its findings are the point. */
    enum Kind {
        /** Work split into tasks: time, speed-up and efficiency against the sequential run. */
        SPEEDUP,
        /** A demonstration (a race, a deadlock): its findings matter, its time is only reported. */
        FINDINGS
    }

    /** What mostly limits a workload's speed: the trait the advisor reasons from. */
    enum Bound {
        /** Computation: more cores help, until they run out; a GIL forbids it. */
        CPU,
        /** Waiting (network, disk, timers): overlapping the waits helps, even under a GIL. */
        IO,
        /** Moving data through memory: more cores help until the memory bus is full. */
        MEMORY
    }

    /** The name on the command line and in reports, such as {@code primes}. */
    String name();

    /** One line: what the workload computes and what it shows. */
    String summary();

    /** How to read this workload's time. */
    Kind kind();

    /**
     * Why this workload cannot run on the strategy with this many workers, if it cannot; the
     * harness then reports it skipped, with this reason, instead of running it.
     */
    default Optional<String> unsupported(Strategy strategy, int workers) {
        return Optional.empty();
    }

    /**
     * About how many bytes one task carries to its worker and back when the worker is another
     * JVM (its inputs and results, not what it reads from shared memory); a few numbers by default.
     */
    default long bytesPerTask() {
        return 0;
    }

    /**
     * Whether the workload gives its tasks only values and reads back only results, so that it runs
     * where tasks are copies and share nothing with the lab's objects: isolated workers (in the
     * lab's JVM, each with its own classes) and a cluster (whose members may be this JVM). A
     * workload that shares objects with its tasks, or tells worker JVMs apart by their pid, does
     * not (the default).
     */
    default boolean runsOnCopies() {
        return false;
    }

    /** What mostly limits this workload's speed; computation by default. */
    default Bound bound() {
        return Bound.CPU;
    }

    /**
     * The sizes the command line may set ({@code --param NAME.KEY=VALUE}), with this workload's
     * values. None by default.
     */
    default Parameters parameters() {
        return Parameters.of(name());
    }

    /**
     * This workload with the sizes in {@code parameters} (this workload's {@link #parameters()},
     * some of them {@linkplain Parameters#set set} to other values).
     *
     * @throws IllegalArgumentException if the values do not fit together, naming them
     */
    default Workload<R> with(Parameters parameters) {
        return this;
    }

    /**
     * Whether the lab runs this workload on the sequential pool before measuring anything, so that
     * the JIT has compiled its hot loops: true for CPU-bound work, false for work that mostly
     * waits, where priming would only add waiting.
     */
    default boolean needsPriming() {
        return true;
    }

    /**
     * Runs the workload once, with its tasks on {@code pool}. This is what the harness times.
     *
     * @throws Exception if a task fails; the harness reports the run as failed
     */
    R execute(Pool pool) throws Exception;

    /** Checks one execution's result. Never throws for a wrong result: it says so. */
    Verdict verify(R result);
}
