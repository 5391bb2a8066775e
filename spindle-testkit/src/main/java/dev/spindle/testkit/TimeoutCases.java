package dev.spindle.testkit;

import java.time.Duration;
import java.util.List;

/**
 * The timeouts that every timed call is tested with, by the timeout rule of the
 * {@code dev.spindle} package documentation: one that must wait, and those that must not.
 */
public final class TimeoutCases {

    /** Too long to count in nanoseconds: it must wait (forever), not throw. */
    public static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    /** Zero, just below zero, and too far below zero to count in nanoseconds: none may wait. */
    public static final List<Duration> NO_WAIT = List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofSeconds(Long.MIN_VALUE));

    private TimeoutCases() {}
}
