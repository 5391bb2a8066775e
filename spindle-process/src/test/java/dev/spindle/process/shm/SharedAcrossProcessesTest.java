package dev.spindle.process.shm;

import dev.spindle.Pool;
import dev.spindle.WorkerLostException;
import dev.spindle.process.ProcessPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The primitives across JVMs: this JVM and two worker JVMs hammer the same counter, lock and
 * semaphore at once, and the totals must be exact; a lock whose holder's JVM dies is recovered;
 * a dead owner's segment is reclaimed. Nothing here is timed.
 */
class SharedAcrossProcessesTest {

    private static final int WORKERS = 2;
    private static final int ROUNDS = 50_000;
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static Pool pool;

    private final List<String> names = new ArrayList<>();

    @BeforeAll
    static void start() {
        pool = ProcessPool.builder().workers(WORKERS).startAll().build();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private String name() {
        String name = "cross-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
        names.add(name);
        return name;
    }

    @AfterEach
    void nothingLeft() {
        for (String name : names) {
            assertFalse(Files.exists(file(name)), "shared memory '" + name + "' was left behind");
        }
    }

    private static Path file(String name) {
        return Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"), "spindle-" + name);
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(120, TimeUnit.SECONDS);
    }

    /** Runs {@code action} in every worker and in this JVM at once, and waits for all. */
    private static void everywhere(dev.spindle.Action action) throws Exception {
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            tasks.add(pool.run(action));
        }
        action.run();
        for (CompletableFuture<Void> task : tasks) {
            get(task);
        }
    }

    @Test
    void countersLocksAndSemaphoresHoldAcrossThreeJvms() throws Exception {
        try (SharedAtomicLong atomic = SharedAtomicLong.create(name(), 0);
             SharedLock lock = SharedLock.create(name());
             SharedLongArray plain = SharedLongArray.create(name(), 2);
             SharedSemaphore semaphore = SharedSemaphore.create(name(), 2);
             SharedAtomicLong inside = SharedAtomicLong.create(name(), 0);
             SharedAtomicLong mostInside = SharedAtomicLong.create(name(), 0)) {
            everywhere(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    atomic.incrementAndGet();
                    lock.lock();
                    try {
                        plain.set(0, plain.get(0) + 1);
                    } finally {
                        lock.unlock();
                    }
                    if (i % 10 == 0) {
                        semaphore.acquire();
                        try {
                            long now = inside.incrementAndGet();
                            long most;
                            while (now > (most = mostInside.get()) && !mostInside.compareAndSet(most, now)) {
                                Thread.onSpinWait();
                            }
                            inside.addAndGet(-1);
                        } finally {
                            semaphore.release();
                        }
                    }
                }
            });
            long expected = (long) (WORKERS + 1) * ROUNDS;
            assertEquals(expected, atomic.get(), "an atomic increment was lost between processes");
            assertEquals(expected, plain.get(0), "the lock let two processes in at once");
            assertTrue(mostInside.get() <= 2, "the semaphore let " + mostInside.get() + " in with 2 permits");
            assertEquals(2, semaphore.availablePermits());
            atomic.unlink();
            lock.unlink();
            plain.unlink();
            semaphore.unlink();
            inside.unlink();
            mostInside.unlink();
        }
    }

    @Test
    void aLockWhoseHolderDiesIsRecoveredByTheNextLocker() throws Exception {
        try (SharedLock lock = SharedLock.create(name())) {
            ExecutionException died = assertThrows(ExecutionException.class, () -> get(pool.run(() -> {
                lock.lock();
                Runtime.getRuntime().halt(1); // dies holding it
            })));
            assertInstanceOf(WorkerLostException.class, died.getCause());
            assertTrue(lock.isLocked(), "the dead worker's hold should still be in the lock word");
            assertTrue(lock.tryLock(Duration.ofSeconds(60)), "the lock was not recovered from its dead holder");
            assertTrue(lock.wasRecovered());
            lock.unlock();
            assertFalse(lock.wasRecovered());
            lock.unlink();
        }
    }

    @Test
    void aSegmentIsUnlinkedWhenItsOwnerExitsOrReclaimedWhenItDies() throws Exception {
        String kept = name();
        String orphaned = name();
        try (Pool owners = ProcessPool.builder().workers(1).maxTasksPerWorker(1).build()) {
            get(owners.run(() -> SharedMemory.create(kept, 64))); // the worker then stops cleanly: its hook unlinks
            ExecutionException died = assertThrows(ExecutionException.class, () -> get(owners.run(() -> {
                SharedMemory.create(orphaned, 64);
                Runtime.getRuntime().halt(1); // no hook runs
            })));
            assertInstanceOf(WorkerLostException.class, died.getCause());
        }
        assertFalse(Files.exists(file(kept)), "the owner exited without unlinking what it created");
        assertTrue(Files.exists(file(orphaned)), "the halted owner's segment should be there to reclaim");
        assertTrue(SharedMemory.reclaimOrphans() >= 1);
        assertFalse(Files.exists(file(orphaned)), "the dead owner's segment was not reclaimed");
    }
}
