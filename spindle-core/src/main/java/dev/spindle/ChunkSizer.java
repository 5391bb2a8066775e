package dev.spindle;

/**
 * Chooses how many inputs the next task of a {@code map} carries, from how long the inputs of
 * finished tasks took: joblib's automatic batching, in the pool's own terms.
 *
 * <h2>How it decides</h2>
 * The target is a task that runs {@value #OVERHEADS_PER_TASK} times longer than the backend's
 * cost of dispatching one ({@link dev.spindle.spi.Backend#taskOverhead()}), so dispatching
 * costs about 2 % of the work. Each finished task reports its inputs and the time it spent on
 * them (measured where it ran, so queueing and transport are not counted); the estimate of one
 * input's time is a running average that halves the weight of the past at each report. The
 * chunk is then the target divided by that estimate, at least one, growing at most eightfold a
 * report (one fast measurement, before the JIT has warmed up or after a GC, must not make a
 * huge chunk) and shrinking at once. Over an input of known size the chunk never exceeds a
 * quarter of the inputs per worker (per core, for a pool with no bound), as Python's {@code Pool.map} caps its chunks, so every worker
 * gets a share, and never exceeds {@value #MAX_CHUNK}, which bounds how far a map reads ahead
 * of its consumer to {@code inFlight} times that.
 *
 * <p>Used by the consuming thread of one map only: not thread-safe.
 */
final class ChunkSizer {

    /** A task should run this many times longer than dispatching it costs. */
    static final int OVERHEADS_PER_TASK = 50;

    private static final int MAX_GROWTH = 8;
    private static final int MAX_CHUNK = 1 << 12;

    private final long targetNanos;
    private final int maxChunk;
    private double nanosPerInput = Double.NaN;
    private int chunk = 1;

    /**
     * @param overheadNanos what dispatching one task costs on the backend
     * @param inputs        how many inputs the map has, or -1 if unknown
     * @param parallelism   how many tasks the pool runs at once
     */
    ChunkSizer(long overheadNanos, long inputs, int parallelism) {
        this.targetNanos = Math.max(1, overheadNanos) * OVERHEADS_PER_TASK;
        // A pool with no bound on its parallelism (virtual threads) runs on the machine's cores.
        int workers = parallelism == Integer.MAX_VALUE ? Runtime.getRuntime().availableProcessors() : Math.max(1, parallelism);
        long spread = inputs < 0 ? MAX_CHUNK : inputs / (4L * workers);
        this.maxChunk = (int) Math.max(1, Math.min(MAX_CHUNK, spread));
    }

    /** How many inputs the next task should carry. */
    int next() {
        return chunk;
    }

    /** A finished task processed {@code inputs} inputs in {@code nanos}. */
    void finished(int inputs, long nanos) {
        double perInput = Math.max(1.0, (double) nanos / Math.max(1, inputs));
        nanosPerInput = Double.isNaN(nanosPerInput) ? perInput : (nanosPerInput + perInput) / 2;
        double ideal = targetNanos / nanosPerInput;
        long grown = Math.min((long) chunk * MAX_GROWTH, maxChunk);
        chunk = (int) Math.max(1, Math.min(grown, (long) ideal));
    }
}
