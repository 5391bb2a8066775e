package dev.spindle.process.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every time limit of every process pool in this JVM (handshake deadlines,
 * task time limits, the grace period of a {@code closeNow}). Its actions only kill processes and
 * close sockets, so one thread keeps up.
 */
final class Timer {

    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().daemon().name("spindle-process-timer").factory());

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Timer() {}

    static ScheduledFuture<?> schedule(Runnable action, Duration delay) {
        return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
