/**
 * The service-provider interface for backends: public so that backend modules (worker JVMs,
 * isolated class loaders, a cluster) can implement it, but <b>not API</b> for users, who work
 * with {@link dev.spindle.Pool} alone. It may change between minor versions.
 *
 * <p>The split: the pool ({@code DispatchPool} in core) owns everything users see (futures,
 * bounded map, events, cancellation bookkeeping, close semantics) and hands each accepted task
 * to its {@link dev.spindle.spi.Backend} as a {@link dev.spindle.spi.Job}. The backend only
 * decides where and when the job runs, and reports back through the job.
 *
 * <h2>For a backend that runs tasks elsewhere</h2>
 * <ul>
 *   <li>Refuse at {@link dev.spindle.spi.Backend#checkCarriable} what cannot travel: a task
 *       that does not serialise ({@link java.lang.IllegalArgumentException} naming the class),
 *       or one too large ({@link dev.spindle.PayloadTooLargeException}).</li>
 *   <li>Report the engine's failures as {@link dev.spindle.BackendException}s through
 *       {@link dev.spindle.spi.Job#fail}: a worker lost mid-task as
 *       {@link dev.spindle.WorkerLostException} (the pool retries it only for an idempotent
 *       task, so never retry on your own), a task killed at its time limit as
 *       {@link dev.spindle.TaskTimeoutException}, a result too large as
 *       {@link dev.spindle.PayloadTooLargeException}; a task's exception that cannot be rebuilt
 *       here as {@link dev.spindle.RemoteTaskException}.</li>
 *   <li>Say what a round trip costs ({@link dev.spindle.spi.Backend#taskOverhead}), so that
 *       {@code map} sizes its chunks for your backend.</li>
 *   <li>Read every {@code Duration} by the library's rule (see the {@code dev.spindle} package,
 *       "Timeouts"): a huge one waits forever, zero or negative do not wait.</li>
 * </ul>
 * The contract suite in core's test jar ({@code PoolContract}) is written for such backends: its
 * scenarios share state with tasks only through the testkit's cross-process gates and counters.
 */
package dev.spindle.spi;
