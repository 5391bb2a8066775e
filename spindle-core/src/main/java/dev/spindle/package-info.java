/**
 * Spindle's API: a {@link dev.spindle.Pool} runs {@link dev.spindle.Task tasks} on one of several
 * execution models behind one interface, and {@link dev.spindle.Futures} waits on what it
 * returns. Synchronisation primitives are in {@link dev.spindle.sync}, structured concurrency in
 * {@link dev.spindle.structured}.
 *
 * <h2 id="timeouts">Timeouts</h2>
 * Every method of Spindle that takes a timeout or a deadline as a {@link java.time.Duration}
 * reads it by one rule, the rule of {@code java.util.concurrent} and of Python:
 * <ul>
 *   <li><b>Positive</b>: wait at most that long, measured from the call with
 *       {@link System#nanoTime()}, so changes to the wall clock do not matter. A duration too
 *       long to count in nanoseconds, such as {@code Duration.ofSeconds(Long.MAX_VALUE)}, is not
 *       an error: it waits {@code Long.MAX_VALUE} nanoseconds (about 292 years), that is,
 *       forever.</li>
 *   <li><b>Zero or negative</b>: do not wait. A timed wait checks its condition once and returns
 *       what it finds ({@code false}, {@code null}, or the completion as it stands). A task group,
 *       or a structured call ({@code withTimeout}, {@code gather}, {@code firstSuccessful}), whose
 *       deadline is zero or negative is expired from the start: its subtasks are cancelled at
 *       once, without starting, and the group's {@code join}, or the call, throws
 *       {@link dev.spindle.DeadlineExceededException}.</li>
 *   <li><b>{@code null}</b>: refused with a {@link NullPointerException} naming the
 *       argument.</li>
 * </ul>
 */
package dev.spindle;
