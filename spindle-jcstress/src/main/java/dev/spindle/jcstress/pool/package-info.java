/**
 * Stress tests of a pool's task life cycle: {@link dev.spindle.jcstress.pool.PoolJobStress}
 * (one job against {@code cancel} and {@code closeNow}) and
 * {@link dev.spindle.jcstress.pool.CloseNowStress} (submissions against {@code closeNow}) and
 * {@link dev.spindle.jcstress.pool.RetryStress} (an idempotent task's retry after a lost worker
 * against {@code cancel}).
 *
 * <p>They reach the pool through the public API and the backend SPI only, over backends of
 * their own ({@link dev.spindle.jcstress.pool.HoldingBackend} keeps the job for an actor to run;
 * {@link dev.spindle.jcstress.pool.InlineBackend} runs it inside {@code dispatch}), so they test
 * the contract and survive a rewrite of core's internals.
 */
package dev.spindle.jcstress.pool;
