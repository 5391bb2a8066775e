package dev.spindle.lab.workload;

import dev.spindle.MapOptions;

/**
 * How the workloads call {@code map}: every task in flight at once, as Python's
 * {@code executor.map} submits its whole input. The inputs are a few dozen ranges, so bounding
 * them buys nothing, and an ordered window would cost the {@code gil} strategy dearly: when the
 * GIL is handed over in the middle of the oldest task, the other workers would drain a small
 * window and then idle until that task gets the GIL back, a convoy the seeds' programs never
 * show.
 */
final class InFlight {

    private InFlight() {}

    static MapOptions all(int tasks) {
        return MapOptions.defaults().withInFlight(tasks);
    }
}
