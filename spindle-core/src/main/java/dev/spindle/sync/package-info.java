/**
 * Synchronisation primitives that Python's {@code threading} and {@code queue} offer and the JDK
 * lacks in this form: an {@link dev.spindle.sync.Event} that can be cleared, a
 * {@link dev.spindle.sync.BoundedSemaphore} that refuses over-release, and a
 * {@link dev.spindle.sync.WorkQueue} with {@code taskDone}/{@code join}. For locks, conditions,
 * barriers and plain semaphores, use {@code java.util.concurrent}.
 *
 * <p>Beside them, the shapes of the primitives that work across processes and machines:
 * {@link dev.spindle.sync.AtomicCounter}, {@link dev.spindle.sync.ExclusiveLock} and
 * {@link dev.spindle.sync.CountingSemaphore}, implemented in shared memory by {@code spindle-process}
 * and on a cluster by {@code spindle-cluster}.
 */
package dev.spindle.sync;
