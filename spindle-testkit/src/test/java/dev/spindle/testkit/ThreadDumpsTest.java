package dev.spindle.testkit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hang is read from the dump, so the dump must show every thread, virtual ones included. */
class ThreadDumpsTest {

    @Test
    void theDumpShowsVirtualThreadsWithTheirStacks() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (TestThreads threads = new TestThreads()) {
            Thread waiting = threads.start(Thread.ofVirtual(), "dumped-virtual-thread", release::await);
            TestThreads.awaitParked(waiting);
            String dump = ThreadDumps.allThreads();
            release.countDown();
            assertTrue(dump.contains("dumped-virtual-thread"), dump);
            assertTrue(dump.contains("CountDownLatch.await"), dump);
        }
    }
}
