package dev.spindle;

/**
 * How {@link Pool#map} and {@link Pool#mapUnordered} cut and pace their input. Immutable; each
 * {@code with} method returns a copy and checks its value where it is set.
 *
 * <ul>
 *   <li><b>inFlight</b>: at most this many tasks are submitted and not yet consumed. Bounds memory
 *       on any input, including an infinite one. By default four per worker of the pool, at most
 *       {@value #MAX_DEFAULT_IN_FLIGHT}.</li>
 *   <li><b>chunkSize</b>: how many inputs one task handles. Raise it when each element is so
 *       cheap that the cost of dispatching a task dominates (the seeds' "tasks too small"
 *       problem). Default 1.</li>
 * </ul>
 */
public final class MapOptions {

    /** The in-flight bound used for a pool with no bound on its parallelism. */
    public static final int MAX_DEFAULT_IN_FLIGHT = 1024;

    private static final int IN_FLIGHT_PER_WORKER = 4;
    private static final MapOptions DEFAULTS = new MapOptions(0, 1);

    private final int inFlight; // 0: derived from the pool's parallelism
    private final int chunkSize;

    private MapOptions(int inFlight, int chunkSize) {
        this.inFlight = inFlight;
        this.chunkSize = chunkSize;
    }

    /** In flight: four per worker; one input per task. */
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
     * A copy that gives each task {@code inputs} consecutive inputs.
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

    /** How many inputs each task handles. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public String toString() {
        return "MapOptions[inFlight=" + (inFlight > 0 ? inFlight : "4 per worker") + ", chunkSize=" + chunkSize + "]";
    }
}
