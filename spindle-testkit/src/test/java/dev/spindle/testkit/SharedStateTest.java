package dev.spindle.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SharedStateTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    private final SharedState shared = SharedState.create();

    @AfterEach
    void close() {
        shared.close();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T handle) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    // ---- gate ----

    @Test
    void aGateOpensOnceAndStaysOpen() throws Exception {
        SharedGate gate = shared.gate("go");
        assertFalse(gate.isOpen());
        assertFalse(gate.await(Duration.ZERO));
        assertTrue(gate.open());
        assertFalse(gate.open(), "a second open reports that the gate was open already");
        assertTrue(gate.isOpen());
        assertTrue(gate.await(Duration.ZERO));
        assertEquals("gate 'go'", gate.toString());
        assertEquals("go", gate.name());
    }

    @Test
    void aGateWaitGivesUpAtItsTimeout() throws Exception {
        assertFalse(shared.gate("never").await(Duration.ofMillis(20)));
        assertFalse(shared.gate("never").await(Duration.ofSeconds(-1)));
    }

    @Test
    void aGateReleasesAWaiterInAnotherThread() {
        SharedGate gate = shared.gate("go");
        SharedGate waiting = shared.gate("waiting");
        try (TestThreads threads = new TestThreads()) {
            threads.start("waiter", () -> {
                waiting.open();
                assertTrue(gate.await(HANG));
            });
            threads.start("opener", () -> {
                assertTrue(waiting.await(HANG));
                gate.open();
            });
        }
    }

    @Test
    void aGateWaitIsInterruptible() {
        SharedGate gate = shared.gate("never");
        CountDownLatch interrupted = new CountDownLatch(1);
        try (TestThreads threads = new TestThreads()) {
            Thread waiter = threads.start("waiter", () -> {
                assertThrows(InterruptedException.class, () -> gate.await(HANG));
                assertFalse(Thread.currentThread().isInterrupted(), "the interrupt status was not cleared");
                interrupted.countDown();
            });
            waiter.interrupt();
        }
        assertEquals(0, interrupted.getCount());
    }

    // ---- counter ----

    @Test
    void aCounterCountsEveryIncrementOfManyThreads() throws Exception {
        SharedCounter counter = shared.counter("hits");
        TestThreads.runConcurrently(4, index -> {
            for (int i = 0; i < 10_000; i++) {
                counter.incrementAndGet();
            }
        });
        assertEquals(40_000, counter.get());
        assertEquals(40_005, counter.addAndGet(5));
        assertEquals(40_000, counter.addAndGet(-5));
        assertTrue(counter.awaitAtLeast(40_000, Duration.ZERO));
        assertFalse(counter.awaitAtLeast(40_001, Duration.ofMillis(20)));
        assertEquals("counter 'hits'", counter.toString());
    }

    @Test
    void aCounterWaitEndsWhenAnotherThreadReachesTheValue() {
        SharedCounter counter = shared.counter("progress");
        try (TestThreads threads = new TestThreads()) {
            threads.start("waiter", () -> assertTrue(counter.awaitAtLeast(3, HANG)));
            threads.start("counter", () -> {
                for (int i = 0; i < 3; i++) {
                    counter.incrementAndGet();
                }
            });
        }
    }

    // ---- recorder ----

    @Test
    void aRecorderReturnsEntriesInAppendOrder() {
        SharedRecorder recorder = shared.recorder("log");
        assertEquals(List.of(), recorder.entries());
        recorder.append("first");
        recorder.append(42);
        recorder.append("");
        recorder.append("ünïcødé, 7 bytes past eight");
        recorder.append(-1L);
        assertEquals(List.of("first", 42L, "", "ünïcødé, 7 bytes past eight", -1L), recorder.entries());
        assertEquals(List.of("first", "", "ünïcødé, 7 bytes past eight"), recorder.strings());
        assertEquals(List.of(42L, -1L), recorder.longs());
        assertEquals(5, recorder.size());
        assertEquals("recorder 'log'", recorder.toString());
    }

    @Test
    void aRecorderKeepsEveryEntryOfManyThreadsEachInItsOwnOrder() {
        SharedRecorder recorder = shared.recorder("log");
        int threads = 4;
        int each = 2_000;
        TestThreads.runConcurrently(threads, index -> {
            for (int i = 0; i < each; i++) {
                recorder.append((long) index * each + i);
            }
        });
        List<Long> entries = recorder.longs();
        assertEquals(LongStream.range(0, (long) threads * each).boxed().toList(), entries.stream().sorted().toList());
        for (int t = 0; t < threads; t++) {
            long low = (long) t * each;
            List<Long> mine = entries.stream().filter(e -> e >= low && e < low + each).toList();
            assertEquals(LongStream.range(low, low + each).boxed().toList(), mine, "thread " + t + "'s entries out of order");
        }
    }

    @Test
    void aFullRecorderRefusesTheEntryThatDoesNotFit() {
        SharedRecorder recorder = shared.recorder("small", 64);
        for (int i = 0; i < 4; i++) {
            recorder.append(i);
        }
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> recorder.append(4));
        assertEquals("recorder 'small' is full: 16 more bytes do not fit in its 64 (0 left); give it a larger capacity",
                full.getMessage());
        assertEquals(List.of(0L, 1L, 2L, 3L), recorder.entries());
    }

    @Test
    void aRecorderCapacityIsCheckedWhereItIsSet() {
        assertEquals("capacity must be at least 64 bytes, was 63",
                assertThrows(IllegalArgumentException.class, () -> shared.recorder("tiny", 63)).getMessage());
    }

    // ---- serialisation, files, close ----

    @Test
    void deserialisedHandlesShareTheOriginalsMemory() throws Exception {
        SharedGate gate = shared.gate("go");
        SharedCounter counter = shared.counter("hits");
        SharedRecorder recorder = shared.recorder("log");
        SharedGate gateCopy = roundTrip(gate);
        SharedCounter counterCopy = roundTrip(counter);
        SharedRecorder recorderCopy = roundTrip(recorder);
        assertNotSame(gate, gateCopy);
        assertEquals("gate 'go'", gateCopy.toString());

        gateCopy.open();
        assertTrue(gate.isOpen());
        counterCopy.incrementAndGet();
        counter.incrementAndGet();
        assertEquals(2, counterCopy.get());
        assertEquals(2, counter.get());
        recorderCopy.append("from the copy");
        recorder.append("from the original");
        assertEquals(List.of("from the copy", "from the original"), roundTrip(recorderCopy).entries());
    }

    @Test
    void manyCopiesInOneProcessShareOneMapping() throws Exception {
        SharedCounter counter = shared.counter("hits");
        List<SharedCounter> copies = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            SharedCounter copy = roundTrip(counter);
            copy.incrementAndGet();
            copies.add(copy);
        }
        assertEquals(1_000, counter.get());
        assertTrue(copies.stream().allMatch(c -> c.segment().address() == copies.getFirst().segment().address()),
                "copies mapped the file more than once");
    }

    @Test
    void closeLeavesNoFileBehind() throws Exception {
        SharedState state = SharedState.create();
        Path directory = state.directory();
        SharedGate gate = state.gate("go");
        SharedCounter counter = state.counter("hits");
        SharedRecorder recorder = state.recorder("log");
        SharedCounter copy = roundTrip(counter);
        copy.incrementAndGet();
        SharedGate unmappedCopy = roundTrip(gate);
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(3, files.count());
        }
        state.close();
        state.close();
        assertFalse(Files.exists(directory), directory + " was left behind");
        assertThrows(IllegalStateException.class, gate::isOpen, "an owner's handle worked after close");
        assertThrows(IllegalStateException.class, () -> recorder.append(1));
        IllegalStateException gone = assertThrows(IllegalStateException.class, unmappedCopy::isOpen);
        assertEquals("gate 'go' is gone: the SharedState that made it was closed", gone.getMessage());
        assertEquals("this SharedState is closed", assertThrows(IllegalStateException.class, () -> state.gate("late")).getMessage());
    }

    @Test
    void theDirectoryAndFilesAreTheUsersOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        shared.gate("go");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.directory())));
        try (Stream<Path> files = Files.list(shared.directory())) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
    }

    @Test
    void namesAreRequired() {
        assertEquals("name", assertThrows(NullPointerException.class, () -> shared.gate(null)).getMessage());
        assertEquals("name", assertThrows(NullPointerException.class, () -> shared.counter(null)).getMessage());
        assertEquals("name", assertThrows(NullPointerException.class, () -> shared.recorder(null)).getMessage());
        assertEquals("value", assertThrows(NullPointerException.class, () -> shared.recorder("log").append(null)).getMessage());
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> shared.gate("go").await(null)).getMessage());
    }
}
