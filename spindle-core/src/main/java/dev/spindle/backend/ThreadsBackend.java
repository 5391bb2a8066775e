package dev.spindle.backend;

import java.util.Objects;
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
        this(workers, "threads");
    }

    /**
     * As {@link #ThreadsBackend(int)}, with threads named {@code spindle-<kind>-<pool>-<n>}: for a
     * pool with a purpose, such as the shared pool of {@code Structured.offload}, so that its
     * threads are recognisable in a thread dump.
     */
    public ThreadsBackend(int workers, String kind) {
        this(Workers.requirePositive(workers, "workers"), Objects.requireNonNull(kind, "kind"), ConcurrentHashMap.newKeySet());
    }

    private ThreadsBackend(int workers, String kind, Set<Thread> threads) {
        super("threads(" + workers + ")", workers, executor(workers, kind, threads));
        this.workers = threads;
    }

    private static ThreadPoolExecutor executor(int workers, String kind, Set<Thread> threads) {
        ThreadFactory named = Thread.ofPlatform().daemon().name(Workers.threadPrefix(kind), 0).factory();
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
