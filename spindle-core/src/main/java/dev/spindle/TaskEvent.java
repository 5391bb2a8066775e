package dev.spindle;

/**
 * Something that happened to a task in a pool. Events of one task arrive in the order
 * submitted, started, then exactly one of finished, failed or cancelled (a task cancelled
 * before it started has no started event). An {@linkplain Task#idempotent(Task) idempotent}
 * task whose worker was lost reports retrying, then started again, before its one end. Timestamps are {@link System#nanoTime()} readings of this JVM,
 * so they order events and measure durations but are not wall-clock times.
 */
public sealed interface TaskEvent {

    /** The name of the pool, as {@link Pool#name()}. */
    String pool();

    /** The task's number, unique within its pool, counting from 0 in submission order. */
    long taskId();

    /** When the event happened, as a {@link System#nanoTime()} reading. */
    long nanoTime();

    /**
     * The task was accepted by the pool. {@code inputs} is how many inputs of a
     * {@link Pool#map map} the task carries (the chunk size the pool chose, or the one given in
     * {@link MapOptions}), and 1 for a task submitted on its own.
     */
    record Submitted(String pool, long taskId, long nanoTime, int inputs) implements TaskEvent {}

    /** The task started on {@code worker} (a thread's or a worker process's name). */
    record Started(String pool, long taskId, long nanoTime, String worker) implements TaskEvent {}

    /** The task returned normally on {@code worker}. */
    record Finished(String pool, long taskId, long nanoTime, String worker) implements TaskEvent {}

    /** The task threw {@code error} on {@code worker}. */
    record Failed(String pool, long taskId, long nanoTime, String worker, Throwable error) implements TaskEvent {}

    /**
     * The worker running an idempotent task was lost ({@code cause}), and the task was sent to
     * run again: {@code attempt} is the number of the attempt about to start, counting from 2. A
     * cancel that races the loss may report the task's end just before this event.
     */
    record Retrying(String pool, long taskId, long nanoTime, String worker, WorkerLostException cause, int attempt)
            implements TaskEvent {}

    /** The task's future was cancelled, before or while it ran. */
    record Cancelled(String pool, long taskId, long nanoTime) implements TaskEvent {}
}
