package dev.spindle.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static dev.spindle.testkit.SharedFileDescriptor.COUNTER_BODY_LENGTH;
import static dev.spindle.testkit.SharedFileDescriptor.GATE_BODY_LENGTH;
import static dev.spindle.testkit.SharedFileDescriptor.KIND_COUNTER;
import static dev.spindle.testkit.SharedFileDescriptor.KIND_GATE;
import static dev.spindle.testkit.SharedFileDescriptor.KIND_RECORDER;
import static dev.spindle.testkit.SharedFileDescriptor.RECORDER_CAPACITY_OFFSET;
import static dev.spindle.testkit.SharedFileDescriptor.recorderBodyLength;

/**
 * Test state that lives outside the memory of any one task: gates, counters and recorders that a
 * task can capture and still share with the test when it runs in another thread, a copy made by
 * serialisation, or another JVM on this machine. A test that shares a {@code CountDownLatch} or
 * an {@code AtomicInteger} with a task only works while the task runs in the test's JVM; one that
 * shares these handles works on every backend.
 *
 * <pre>{@code
 * try (SharedState shared = SharedState.create()) {
 *     SharedCounter ran = shared.counter("ran");
 *     pool.map(x -> ran.incrementAndGet(), inputs).toList();   // tasks may run in worker JVMs
 *     assertEquals(inputs.size(), ran.get());
 * }   // closes after the pool: nothing is left on disk
 * }</pre>
 *
 * <h2>How it works</h2>
 * Each handle is a small memory-mapped file (laid out in {@link SharedFileDescriptor}) in a
 * private temporary directory, readable by this user only, that this object creates and
 * deletes. A handle serialises as the file's path and its name; a deserialised copy maps the file
 * on first use, so it works in any process of this machine that can read the directory.
 * Updates are atomic instructions on the mapped memory ({@code compareAndSet}, {@code getAndAdd}
 * through {@link java.lang.invoke.VarHandle}s), which are atomic across processes on the same
 * machine because the processes share the physical pages. Waits poll the memory with a bounded
 * back-off, as nothing can wake a thread when another process writes.
 *
 * <h2>Lifecycle</h2>
 * {@link #close()} unmaps this process's mappings and deletes every file and the directory.
 * Close it after whatever used the handles has stopped (after the pools that ran the tasks are
 * closed): an owner's handle used after close throws {@link IllegalStateException}, and so does
 * a copy that maps its file only after the close. Copies that had mapped it before keep their
 * memory until they are garbage, but the file is gone from the disk.
 *
 * <p>Safe for use by many threads. No method accepts {@code null}.
 */
public final class SharedState implements AutoCloseable {

    /** The capacity of a {@link #recorder(String)}: 65,536 longs, or fewer strings. */
    public static final int DEFAULT_RECORDER_CAPACITY = 1 << 20;

    private static final int MIN_RECORDER_CAPACITY = 64;

    private final Path directory;
    private final Arena arena = Arena.ofShared();
    private int files; // guarded by this
    private boolean closed; // guarded by this

    private SharedState(Path directory) {
        this.directory = directory;
    }

    /**
     * Makes the private directory that will hold this state's files, under
     * {@code java.io.tmpdir}.
     *
     * @throws UncheckedIOException if it cannot be created
     */
    public static SharedState create() {
        try {
            return new SharedState(Files.createTempDirectory("spindle-shared-", MappedFiles.privateTo("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for shared test state", e);
        }
    }

    /** The directory that holds the files; it exists until {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** A new gate, shut. {@code name} appears in its messages. */
    public synchronized SharedGate gate(String name) {
        Objects.requireNonNull(name, "name");
        Path file = newFile("gate");
        return new SharedGate(file.toString(), name, MappedFiles.create(file, KIND_GATE, GATE_BODY_LENGTH, arena));
    }

    /** A new counter at zero. {@code name} appears in its messages. */
    public synchronized SharedCounter counter(String name) {
        Objects.requireNonNull(name, "name");
        Path file = newFile("counter");
        return new SharedCounter(file.toString(), name, MappedFiles.create(file, KIND_COUNTER, COUNTER_BODY_LENGTH, arena));
    }

    /** A new, empty recorder of {@link #DEFAULT_RECORDER_CAPACITY} bytes. */
    public SharedRecorder recorder(String name) {
        return recorder(name, DEFAULT_RECORDER_CAPACITY);
    }

    /**
     * A new, empty recorder of {@code capacity} bytes. Each entry takes 8 bytes, plus its value
     * (8 bytes for a long, the UTF-8 bytes of a string), rounded up to a multiple of 8.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 64
     */
    public synchronized SharedRecorder recorder(String name, int capacity) {
        Objects.requireNonNull(name, "name");
        if (capacity < MIN_RECORDER_CAPACITY) {
            throw new IllegalArgumentException("capacity must be at least " + MIN_RECORDER_CAPACITY + " bytes, was " + capacity);
        }
        Path file = newFile("recorder");
        MemorySegment memory = MappedFiles.create(file, KIND_RECORDER, recorderBodyLength(capacity), arena);
        memory.set(ValueLayout.JAVA_LONG, RECORDER_CAPACITY_OFFSET, capacity);
        return new SharedRecorder(file.toString(), name, memory);
    }

    /** The path of the next file; the caller holds this object's lock. */
    private Path newFile(String kind) {
        if (closed) {
            throw new IllegalStateException("this SharedState is closed");
        }
        return directory.resolve(kind + "-" + ++files);
    }

    /**
     * Unmaps this process's mappings and deletes every file and the directory. Idempotent.
     *
     * @throws UncheckedIOException if something could not be deleted (after trying everything)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        arena.close();
        List<IOException> failures = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    failures.add(e);
                }
            }
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            UncheckedIOException error = new UncheckedIOException("cannot delete shared test state in " + directory, failures.getFirst());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    @Override
    public String toString() {
        return "SharedState[" + directory + "]";
    }
}
