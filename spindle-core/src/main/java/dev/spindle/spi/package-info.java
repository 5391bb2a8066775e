/**
 * The service-provider interface for backends: public so that backend modules (worker JVMs,
 * isolated class loaders, a cluster) can implement it, but <b>not API</b> for users, who work
 * with {@link dev.spindle.Pool} alone. It may change between minor versions.
 *
 * <p>The split: the pool ({@code DispatchPool} in core) owns everything users see (futures,
 * bounded map, events, cancellation bookkeeping, close semantics) and hands each accepted task
 * to its {@link dev.spindle.spi.Backend} as a {@link dev.spindle.spi.Job}. The backend only
 * decides where and when the job runs, and reports back through the job.
 */
package dev.spindle.spi;
