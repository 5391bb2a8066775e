package dev.spindle.backend;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of platform threads sharing one FIFO queue, started on demand and kept until
 * shutdown. The threads are daemons, so a pool someone forgot to close does not keep the JVM
 * alive; closing it is still the way to wait for its work.
 */
public final class ThreadsBackend extends ExecutorBackend {

    public ThreadsBackend(int workers) {
        super("threads(" + Workers.requirePositive(workers, "workers") + ")", workers, executor(workers));
    }

    private static ThreadPoolExecutor executor(int workers) {
        return new ThreadPoolExecutor(workers, workers, 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name(Workers.threadPrefix("threads"), 0).factory());
    }
}
