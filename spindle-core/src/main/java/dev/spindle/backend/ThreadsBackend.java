package dev.spindle.backend;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of platform threads sharing one FIFO queue, started on demand and kept until
 * shutdown. The threads are daemons, so a pool someone forgot to close does not keep the JVM
 * alive; closing it is still the way to wait for its work.
 */
public final class ThreadsBackend extends ExecutorBackend {

    private final Set<Thread> workers;

    public ThreadsBackend(int workers) {
        this(Workers.requirePositive(workers, "workers"), ConcurrentHashMap.newKeySet());
    }

    private ThreadsBackend(int workers, Set<Thread> threads) {
        super("threads(" + workers + ")", workers, executor(workers, threads));
        this.workers = threads;
    }

    private static ThreadPoolExecutor executor(int workers, Set<Thread> threads) {
        ThreadFactory named = Thread.ofPlatform().daemon().name(Workers.threadPrefix("threads"), 0).factory();
        ThreadFactory recorded = work -> {
            Thread thread = named.newThread(work);
            threads.add(thread);
            return thread;
        };
        return new ThreadPoolExecutor(workers, workers, 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(), recorded);
    }

    @Override
    public boolean ownsCurrentThread() {
        return workers.contains(Thread.currentThread());
    }
}
