package dev.spindle.examples;

import java.util.List;
import java.util.Optional;

/** Every example, in the order a reader should meet them. */
public final class Examples {

    private static final List<Example> ALL = List.of(
            FunctionPerThread.EXAMPLE,
            RangeCounters.EXAMPLE,
            PoolMap.EXAMPLE,
            AsCompleted.EXAMPLE,
            LostUpdates.EXAMPLE,
            StartSignal.EXAMPLE,
            ResourceLimit.EXAMPLE,
            BarrierPhases.EXAMPLE,
            ProducerConsumer.EXAMPLE,
            StructuredGather.EXAMPLE,
            WorkerProcesses.EXAMPLE,
            Interpreters.EXAMPLE);

    private Examples() {}

    /** All examples, in reading order. */
    public static List<Example> all() {
        return ALL;
    }

    /** The example with this name, if there is one. */
    public static Optional<Example> named(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
