/**
 * Synchronisation primitives that Python's {@code threading} and {@code queue} offer and the JDK
 * lacks in this form: an {@link dev.spindle.sync.Event} that can be cleared, a
 * {@link dev.spindle.sync.BoundedSemaphore} that refuses over-release, and a
 * {@link dev.spindle.sync.WorkQueue} with {@code taskDone}/{@code join}. For locks, conditions,
 * barriers and plain semaphores, use {@code java.util.concurrent}.
 */
package dev.spindle.sync;
