/**
 * Isolated workers in one JVM: {@link dev.spindle.isolate.IsolatedPool}, where each worker has a
 * class loader of its own. {@code dev.spindle.isolate.internal} is implementation.
 */
package dev.spindle.isolate;
