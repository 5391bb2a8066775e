/**
 * Named shared memory for the processes of one machine, and the primitives built on it: Python's
 * {@code multiprocessing.shared_memory}, {@code Value}, {@code Lock} and {@code BoundedSemaphore},
 * on the FFM API.
 *
 * <ul>
 *   <li>{@link dev.spindle.process.shm.SharedMemory}: a named segment of bytes; create, open by
 *       name, close (this process), unlink (the name).</li>
 *   <li>{@link dev.spindle.process.shm.SharedLongArray}, {@link dev.spindle.process.shm.SharedDoubleArray}:
 *       typed arrays over a segment.</li>
 *   <li>{@link dev.spindle.process.shm.SharedAtomicLong}: compare-and-set and add across processes.</li>
 *   <li>{@link dev.spindle.process.shm.SharedLock}: a lock that the next locker recovers when its
 *       holder's process dies.</li>
 *   <li>{@link dev.spindle.process.shm.SharedSemaphore}: a bounded counting semaphore.</li>
 * </ul>
 *
 * <p>Every one of them is serialisable as its name alone, so a task that captures it maps the same
 * memory in its worker JVM, whatever the size. Each is a segment of its own, created by one
 * process, which owns the name: it is removed when the owner unlinks it or exits, and a dead
 * owner's segments are reclaimed by the next process that creates one (see
 * {@link dev.spindle.process.shm.SharedMemory}). The layouts are drawn in {@code SegmentDescriptor}.
 */
package dev.spindle.process.shm;
