package dev.spindle;

/**
 * How {@link Pool#map} and {@link Pool#mapUnordered} cut and pace their input. Immutable; each
 * {@code with} method returns a copy and checks its value where it is set.
 *
 * <ul>
 *   <li><b>inFlight</b>: at most this many tasks are submitted and not yet consumed. Bounds memory
 *       on any input, including an infinite one. By default four per worker of the pool, at most
 *       {@value #MAX_DEFAULT_IN_FLIGHT}.</li>
 *   <li><b>chunkSize</b>: how many inputs one task handles. By default the pool chooses, as
 *       joblib's {@code batch_size="auto"} does: the first tasks carry one input each, and as
 *       they finish the pool measures how long an input takes to process and sizes later tasks
 *       so that each runs for about {@value ChunkSizer#OVERHEADS_PER_TASK} times what dispatching a
 *       task costs on its backend (about 100 µs in this JVM). Inputs of a millisecond or more
 *       keep one task each; inputs of a few hundred nanoseconds are grouped by the hundred, so
 *       the dispatch cost no longer dominates (the seeds' "tasks too small" problem). Over a
 *       collection, no task takes more than a quarter of the inputs per worker, so the work still
 *       spreads over every worker. Each task's {@link TaskEvent.Submitted#inputs()} says what
 *       was chosen. {@link #withChunkSize(int)} fixes the size instead.</li>
 * </ul>
 */
public final class MapOptions {

    /** The in-flight bound used for a pool with no bound on its parallelism. */
    public static final int MAX_DEFAULT_IN_FLIGHT = 1024;

    private static final int IN_FLIGHT_PER_WORKER = 4;
    private static final int AUTO = 0;
    private static final MapOptions DEFAULTS = new MapOptions(0, AUTO);

    private final int inFlight; // 0: derived from the pool's parallelism
    private final int chunkSize; // AUTO: chosen as the map runs

    private MapOptions(int inFlight, int chunkSize) {
        this.inFlight = inFlight;
        this.chunkSize = chunkSize;
    }

    /** In flight: four per worker; chunk size: chosen by the pool as the map runs. */
    public static MapOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A copy that keeps at most {@code tasks} tasks in flight.
     *
     * @throws IllegalArgumentException if {@code tasks < 1}
     */
    public MapOptions withInFlight(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, was " + tasks);
        }
        return new MapOptions(tasks, chunkSize);
    }

    /**
     * A copy that gives each task exactly {@code inputs} consecutive inputs (the last task may
     * have fewer), instead of letting the pool choose.
     *
     * @throws IllegalArgumentException if {@code inputs < 1}
     */
    public MapOptions withChunkSize(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + inputs);
        }
        return new MapOptions(inFlight, inputs);
    }

    /** The in-flight bound for a pool of the given parallelism. */
    public int inFlight(int parallelism) {
        if (inFlight > 0) {
            return inFlight;
        }
        long perWorkers = (long) parallelism * IN_FLIGHT_PER_WORKER;
        return (int) Math.min(perWorkers, MAX_DEFAULT_IN_FLIGHT);
    }

    /** Whether the pool chooses the chunk size as the map runs (the default). */
    public boolean isChunkSizeAutomatic() {
        return chunkSize == AUTO;
    }

    /**
     * How many inputs each task handles.
     *
     * @throws IllegalStateException if the pool chooses it ({@link #isChunkSizeAutomatic()})
     */
    public int chunkSize() {
        if (chunkSize == AUTO) {
            throw new IllegalStateException("the chunk size is chosen by the pool as the map runs; see isChunkSizeAutomatic()");
        }
        return chunkSize;
    }

    @Override
    public String toString() {
        return "MapOptions[inFlight=" + (inFlight > 0 ? inFlight : "4 per worker")
                + ", chunkSize=" + (chunkSize == AUTO ? "automatic" : chunkSize) + "]";
    }
}
