/**
 * Structured concurrency on virtual threads, without preview flags: a
 * {@link dev.spindle.structured.TaskGroup} whose subtasks cannot outlive it, and the
 * {@link dev.spindle.structured.Structured} helpers built on it ({@code gather},
 * {@code firstSuccessful}, timeouts, offloading CPU work to a platform pool). The Java
 * counterpart of {@code asyncio.TaskGroup}, {@code asyncio.gather}, {@code asyncio.timeout} and
 * {@code asyncio.to_thread}.
 */
package dev.spindle.structured;
