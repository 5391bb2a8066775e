/**
 * Stress tests of {@link dev.spindle.sync}: {@link dev.spindle.jcstress.sync.BoundedSemaphoreStress},
 * {@link dev.spindle.jcstress.sync.EventStress}, {@link dev.spindle.jcstress.sync.WorkQueueStress},
 * each a set of jcstress tests nested in one class per primitive.
 */
package dev.spindle.jcstress.sync;
