/**
 * The in-JVM backends: where a pool's jobs run when they stay in this JVM. Not exported; users
 * reach them through the factories on {@link dev.spindle.Pool}. Each is a thin adapter of a JDK
 * executor to the {@link dev.spindle.spi.Backend} contract, and none serialises a task.
 */
package dev.spindle.backend;
