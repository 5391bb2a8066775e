package dev.spindle.process;

import dev.spindle.Pool;

import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * A JVM that starts a pool of two workers, prints their pids, and waits to be killed: the parent
 * whose death {@link OrphansTest} inflicts.
 */
public final class OrphanedPoolMain {

    public static void main(String[] args) throws InterruptedException {
        Pool pool = ProcessPool.builder().workers(2).startAll().build();
        System.out.println("workers " + ProcessHandle.current().children().map(child -> Long.toString(child.pid()))
                .collect(Collectors.joining(" ")));
        System.out.flush();
        new CountDownLatch(1).await();
        pool.close();
    }
}
