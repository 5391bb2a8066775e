package dev.spindle.internal;

import java.time.Duration;

/**
 * The arithmetic of the {@linkplain dev.spindle##timeouts timeout rule}, written once for every
 * timed call of the library.
 *
 * <h2>Design</h2>
 * A timeout becomes a count of nanoseconds in {@code [0, Long.MAX_VALUE]}: a duration longer
 * than {@code Long.MAX_VALUE} nanoseconds (about 292 years, as {@code Duration.ofSeconds(Long.MAX_VALUE)})
 * saturates to {@code Long.MAX_VALUE}, as {@link java.util.concurrent.TimeUnit#toNanos} does,
 * instead of throwing {@link ArithmeticException} like {@link Duration#toNanos()}; a zero or
 * negative one becomes {@code 0}, "do not wait".
 *
 * <p>A deadline is never computed as {@code start + timeout}, which overflows for such a timeout.
 * The time left is {@code timeout - (now - start)}, as in {@code java.util.concurrent}: the
 * elapsed time {@code now - start} is exact across a wrap of {@link System#nanoTime()} (for up
 * to 292 years), and with both operands in {@code [0, Long.MAX_VALUE]} the difference cannot
 * overflow.
 */
public final class Timeouts {

    private Timeouts() {}

    /**
     * {@code timeout} in nanoseconds, clamped to {@code [0, Long.MAX_VALUE]}.
     *
     * @throws NullPointerException if {@code timeout} is null; callers check it first, naming
     *         their own argument
     */
    public static long toNanosSaturated(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        // Long.MAX_VALUE nanoseconds is 9_223_372_036 seconds and 854_775_807 nanoseconds.
        long seconds = timeout.getSeconds();
        if (seconds > Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        long nanos = seconds * 1_000_000_000L;
        return nanos > Long.MAX_VALUE - timeout.getNano() ? Long.MAX_VALUE : nanos + timeout.getNano();
    }

    /**
     * The nanoseconds left of a timeout of {@code timeoutNanos} (from {@link #toNanosSaturated})
     * that started at the {@link System#nanoTime()} reading {@code startNanos}: positive while
     * there is time left, zero or negative once it has passed.
     */
    public static long remainingNanos(long startNanos, long timeoutNanos) {
        return timeoutNanos - (System.nanoTime() - startNanos);
    }
}
