package dev.spindle.process.shm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named segments and the primitives over them, within one JVM: the API, its errors, and what travels. */
class SharedMemoryTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /** A name no other test or run uses. */
    String name() {
        String name = "test-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
        names.add(name);
        return name;
    }

    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @AfterEach
    void nothingLeft() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        for (String name : names) {
            Path file = Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"),
                    "spindle-" + name);
            if (Files.exists(file)) {
                Files.delete(file);
                throw new AssertionError("shared memory '" + name + "' was left behind");
            }
        }
    }

    @Test
    void anotherHandleOfTheNameSeesTheSameBytes() {
        String name = name();
        SharedMemory memory = track(SharedMemory.create(name, 4096));
        assertEquals(4096, memory.byteSize());
        memory.segment().set(ValueLayout.JAVA_LONG, 8, 42);
        assertSame(memory, SharedMemory.open(name), "one mapping per name in a process");
        memory.unlink();
        assertEquals(42, memory.segment().get(ValueLayout.JAVA_LONG, 8), "unlinking removed the mapping, not just the name");
    }

    @Test
    void badNamesSizesAndStatesAreClearErrors() {
        String name = name();
        assertEquals("size must be at least 1 byte, was 0",
                assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(name, 0)).getMessage());
        assertEquals("a shared-memory name is 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit;"
                + " was '../etc'", assertThrows(IllegalArgumentException.class, () -> SharedMemory.create("../etc", 8)).getMessage());
        String tooLarge = assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(name, 1L << 60)).getMessage();
        assertTrue(tooLarge.startsWith("size 1152921504606846976 bytes is more than the ") && tooLarge.contains(" bytes free in "),
                tooLarge);
        assertEquals("no shared memory is named '" + name + "'",
                assertThrows(IllegalArgumentException.class, () -> SharedMemory.open(name)).getMessage());
        SharedMemory memory = track(SharedMemory.create(name, 8));
        assertEquals("shared memory '" + name + "' exists already",
                assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(name, 8)).getMessage());
        memory.close();
        memory.close();
        assertEquals("shared memory '" + name + "' is closed in this process",
                assertThrows(IllegalStateException.class, memory::segment).getMessage());
        SharedMemory again = track(SharedMemory.open(name));
        assertEquals(8, again.byteSize(), "a closed mapping can be opened again while the name exists");
        again.unlink();
        again.unlink();
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.open(name));
    }

    @Test
    void anOldHandleDoesNotUnlinkANewerSegmentOfTheSameName() {
        String name = name();
        SharedMemory old = track(SharedMemory.create(name, 8));
        old.unlink();
        SharedMemory newer = track(SharedMemory.create(name, 16));
        old.unlink();
        assertEquals(16, SharedMemory.open(name).byteSize(), "the old handle removed the newer segment");
        newer.unlink();
    }

    @Test
    void aNameHoldsOneKindAndSaysWhichWhenOpenedAsAnother() {
        String name = name();
        SharedLock lock = track(SharedLock.create(name));
        assertEquals("shared memory '" + name + "' holds a lock, not a long array",
                assertThrows(IllegalArgumentException.class, () -> SharedLongArray.open(name)).getMessage());
        lock.unlink();
    }

    @Test
    void aSegmentTravelsAsItsNameWhateverItsSize() throws Exception {
        String small = name();
        String large = name();
        SharedLongArray kilobyte = track(SharedLongArray.create(small, 128));
        long elements = Math.min(1L << 27, largestFree() / 2 / Long.BYTES); // 1 GiB where there is room; never touched
        SharedLongArray gigabyte = track(SharedLongArray.create(large, elements));
        kilobyte.set(3, 7);
        byte[] one = serialise(kilobyte);
        byte[] other = serialise(gigabyte);
        assertTrue(one.length < 300, "a handle took " + one.length + " bytes");
        assertEquals(one.length, other.length, "the handle's size depends on the segment's");
        SharedLongArray copy = (SharedLongArray) deserialise(one);
        assertEquals(7, copy.get(3));
        assertEquals(elements, ((SharedLongArray) deserialise(other)).length());
        kilobyte.unlink();
        gigabyte.unlink();
    }

    @Test
    void arraysCheckTheirBounds() {
        SharedDoubleArray doubles = track(SharedDoubleArray.create(name(), 10));
        doubles.set(9, 2.5);
        assertEquals(2.5, doubles.get(9));
        assertEquals("Index 10 out of bounds for length 10",
                assertThrows(IndexOutOfBoundsException.class, () -> doubles.get(10)).getMessage());
        assertEquals("length must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> SharedLongArray.create(name(), 0)).getMessage());
        doubles.unlink();
    }

    @Test
    void theAtomicLongCountsExactlyFromManyThreads() throws Exception {
        SharedAtomicLong counter = track(SharedAtomicLong.create(name(), 5));
        assertTrue(counter.compareAndSet(5, 10));
        assertFalse(counter.compareAndSet(5, 11));
        assertEquals(10, counter.getAndAdd(2));
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100_000; i++) {
                    counter.incrementAndGet();
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(12 + 400_000, counter.get());
        counter.unlink();
    }

    @Test
    void theLockExcludesIsNotReentrantAndOnlyItsHolderUnlocksIt() throws Exception {
        SharedLock lock = track(SharedLock.create(name()));
        SharedLongArray plain = track(SharedLongArray.create(name(), 1));
        lock.lock();
        assertTrue(lock.isHeldByCurrentThread());
        assertFalse(lock.wasRecovered());
        assertThrows(IllegalStateException.class, lock::lock);
        lock.unlock();
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        lock.lock();
                        try {
                            plain.set(0, plain.get(0) + 1);
                        } finally {
                            lock.unlock();
                        }
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(80_000, plain.get(0), "the lock let two threads in");
        assertFalse(lock.isLocked());
        lock.unlink();
        plain.unlink();
    }

    @Test
    void theSemaphoreRefusesAReleaseBeyondItsPermitsAndTimesOut() throws Exception {
        String name = name();
        SharedSemaphore semaphore = track(SharedSemaphore.create(name, 2));
        assertEquals("permits must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> SharedSemaphore.create(name(), 0)).getMessage());
        semaphore.acquire();
        assertTrue(semaphore.tryAcquire(Duration.ZERO));
        assertFalse(semaphore.tryAcquire(Duration.ofMillis(5)), "a third permit out of two");
        semaphore.release();
        semaphore.release();
        assertEquals("shared semaphore '" + name + "' was released more times than acquired: all 2 permits are back",
                assertThrows(IllegalStateException.class, semaphore::release).getMessage());
        semaphore.unlink();
    }

    /** The free space where segments live (a container may give /dev/shm only 64 MB). */
    private static long largestFree() throws Exception {
        Path directory = Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
        return Files.getFileStore(directory).getUsableSpace();
    }

    private static byte[] serialise(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialise(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
