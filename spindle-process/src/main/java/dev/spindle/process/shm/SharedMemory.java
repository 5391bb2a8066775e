package dev.spindle.process.shm;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import static dev.spindle.process.shm.SegmentDescriptor.*;

/**
 * A named segment of memory shared by the processes of one machine: Python's
 * {@code multiprocessing.shared_memory.SharedMemory}, on the FFM API. One process
 * {@linkplain #create creates} it; any other, or a task in a worker JVM, {@linkplain #open opens}
 * it by name and sees the same bytes.
 *
 * <pre>{@code
 * try (SharedMemory memory = SharedMemory.create("image", 1 << 30)) {   // 1 GiB
 *     pool.submit(() -> render(memory.segment())).join();              // the task gets the name only
 *     memory.unlink();
 * }
 * }</pre>
 *
 * <h2>Zero copy</h2>
 * A segment is {@link Serializable} as its name alone: a task that captures a gigabyte segment
 * travels as a few dozen bytes and maps the same memory where it runs. In each process, every
 * handle of one name shares one mapping, made on first use and kept until {@link #close()} or the
 * process exits, so a task per element does not map the segment a thousand times.
 *
 * <h2>Ownership: nothing left behind</h2>
 * The process that creates a name owns it. The name goes away when the owner calls
 * {@link #unlink()}, or when the owner's JVM exits (a shutdown hook unlinks what it created), or,
 * if the owner died without running its hooks (SIGKILL, a crash), when any Spindle process next
 * creates a segment or calls {@link #reclaimOrphans()}: the header records the owner's pid and
 * start instant, so a dead owner is told from a new process with its pid. Unlinking removes the
 * name only; processes that have the segment mapped keep using it until they close it, as with
 * POSIX shared memory. Python's resource tracker warns about such segments and leaks them; Spindle
 * removes them.
 *
 * <p>The layout is drawn in {@code SegmentDescriptor}. Safe for use by many threads; the bytes of
 * the body are the user's to synchronise (see {@link SharedAtomicLong}, {@link SharedLock},
 * {@link SharedSemaphore}).
 */
public final class SharedMemory implements AutoCloseable, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final String PREFIX = "spindle-";
    private static final Path DIRECTORY = Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
            ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));

    /** This process's mappings, by name: every handle of a name shares one. */
    private static final ConcurrentHashMap<String, SharedMemory> MAPPED = new ConcurrentHashMap<>();
    /** The names this process created and has not unlinked: unlinked when it exits. */
    private static final ConcurrentHashMap<String, SharedMemory> OWNED = new ConcurrentHashMap<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final java.security.SecureRandom INCARNATIONS = new java.security.SecureRandom();

    private final transient String name;
    private final transient int kind;
    private final transient Arena arena;
    private final transient MemorySegment body;
    private final transient long incarnation;
    private final transient AtomicBoolean closed = new AtomicBoolean();

    private SharedMemory(String name, int kind, Arena arena, MemorySegment whole) {
        this.name = name;
        this.kind = kind;
        this.arena = arena;
        this.body = whole.asSlice(HEADER_LENGTH);
        this.incarnation = whole.get(ValueLayout.JAVA_LONG, INCARNATION_OFFSET);
    }

    /**
     * Creates a segment of {@code bytes} zeroed bytes under a new name, owned by this process.
     *
     * @throws IllegalArgumentException if the name is not 1 to 200 letters, digits, '.', '_' or '-'
     *         (starting with a letter or digit), if a segment of that name exists already, if
     *         {@code bytes < 1}, or if it is more than the file system holding segments has free
     */
    public static SharedMemory create(String name, long bytes) {
        return create(name, bytes, KIND_BYTES);
    }

    /**
     * Opens the segment of that name, mapping it in this process (or returning this process's
     * mapping of it, if it has one).
     *
     * @throws IllegalArgumentException if no segment has that name, or the file is not a segment
     */
    public static SharedMemory open(String name) {
        return open(name, KIND_BYTES);
    }

    /**
     * Removes the names of segments whose owner process has died without unlinking them.
     *
     * @return how many were removed
     */
    public static int reclaimOrphans() {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(DIRECTORY, PREFIX + "*")) {
            for (Path file : entries) {
                if (file.getFileName().toString().endsWith(".creating") ? !creatorAlive(file) : isOrphan(file)) {
                    try {
                        Files.deleteIfExists(file);
                        removed++;
                    } catch (IOException e) {
                        // another process removed it, or it is not ours to remove
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the shared-memory directory " + DIRECTORY + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** The segment's name. */
    public String name() {
        return name;
    }

    /** The body's size in bytes, as created. */
    public long byteSize() {
        return body.byteSize();
    }

    /**
     * The body: the bytes shared with every process that has the segment open.
     *
     * @throws IllegalStateException if this segment was closed in this process
     */
    public MemorySegment segment() {
        checkOpen();
        return body;
    }

    /** Whether this process still has the segment mapped. */
    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Unmaps the segment in this process; other processes keep theirs. Idempotent. Using the
     * segment afterwards throws {@link IllegalStateException}; {@link #open} maps it again.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            MAPPED.remove(name, this);
            arena.close();
        }
    }

    /**
     * Removes the name, so no process can open it any more and it takes no room once every
     * mapping is closed. Mappings stay valid. Idempotent; if the name has since been unlinked and
     * given to a new segment, that one is left alone.
     */
    public void unlink() {
        OWNED.remove(name, this);
        MAPPED.remove(name, this); // the name can no longer be opened, even from this process
        Path file = path(name);
        try {
            if (header(file).getLong(INCARNATION_OFFSET) != incarnation) {
                return; // the name now belongs to a newer segment, which is not ours to remove
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlink shared memory '" + name + "': " + e.getMessage(), e);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlink shared memory '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "shared memory '" + name + "' (" + byteSize() + " bytes" + (isOpen() ? ")" : ", closed)");
    }

    // ---- for the typed views in this package ----

    static SharedMemory create(String name, long bytes, int kind) {
        checkName(name);
        if (bytes < 1) {
            throw new IllegalArgumentException("size must be at least 1 byte, was " + bytes);
        }
        if (bytes > Long.MAX_VALUE - HEADER_LENGTH) {
            throw new IllegalArgumentException("size is too large: " + bytes + " bytes");
        }
        if (SWEPT.compareAndSet(false, true)) {
            reclaimOrphans();
        }
        Path target = path(name);
        if (Files.exists(target)) {
            throw new IllegalArgumentException("shared memory '" + name + "' exists already");
        }
        long free = usableSpace();
        if (bytes + HEADER_LENGTH > free) {
            throw new IllegalArgumentException("size " + bytes + " bytes is more than the " + free + " bytes free in "
                    + DIRECTORY + ", which holds shared memory");
        }
        hookOnce();
        Path creating = DIRECTORY.resolve(PREFIX + name + "." + ProcessHandle.current().pid() + ".creating");
        Arena arena = Arena.ofShared();
        try {
            MemorySegment whole;
            try (FileChannel channel = FileChannel.open(creating, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                whole = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_LENGTH + bytes, arena);
            }
            ProcessHandle self = ProcessHandle.current(); // the header first, then the name: openers see it whole
            whole.set(ValueLayout.JAVA_LONG, MAGIC_OFFSET, MAGIC);
            whole.set(ValueLayout.JAVA_INT, VERSION_OFFSET, VERSION);
            whole.set(ValueLayout.JAVA_INT, KIND_OFFSET, kind);
            whole.set(ValueLayout.JAVA_LONG, OWNER_PID_OFFSET, self.pid());
            whole.set(ValueLayout.JAVA_LONG, OWNER_START_OFFSET, startMillis(self));
            whole.set(ValueLayout.JAVA_LONG, BODY_LENGTH_OFFSET, bytes);
            whole.set(ValueLayout.JAVA_LONG, INCARNATION_OFFSET, INCARNATIONS.nextLong());
            try {
                Files.createLink(target, creating); // atomic, and refuses a name that exists
            } catch (FileAlreadyExistsException e) {
                throw new IllegalArgumentException("shared memory '" + name + "' exists already", e);
            } catch (UnsupportedOperationException e) {
                throw new IllegalStateException("the file system under " + DIRECTORY + " has no hard links", e);
            }
            SharedMemory memory = new SharedMemory(name, kind, arena, whole);
            OWNED.put(name, memory);
            MAPPED.put(name, memory);
            return memory;
        } catch (IOException e) {
            arena.close();
            throw new IllegalArgumentException("cannot create shared memory '" + name + "' of " + bytes + " bytes: " + e, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        } finally {
            try {
                Files.deleteIfExists(creating);
            } catch (IOException e) {
                // swept with the orphans
            }
        }
    }

    static SharedMemory open(String name, int expectedKind) {
        checkName(name);
        SharedMemory mapped = MAPPED.get(name);
        if (mapped != null && mapped.isOpen()) {
            mapped.checkKind(expectedKind);
            return mapped;
        }
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path(name), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < HEADER_LENGTH) {
                throw new IllegalArgumentException("'" + name + "' is not a Spindle shared-memory segment");
            }
            MemorySegment whole = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            if (whole.get(ValueLayout.JAVA_LONG, MAGIC_OFFSET) != MAGIC
                    || whole.get(ValueLayout.JAVA_INT, VERSION_OFFSET) != VERSION
                    || whole.get(ValueLayout.JAVA_LONG, BODY_LENGTH_OFFSET) != size - HEADER_LENGTH) {
                throw new IllegalArgumentException("'" + name + "' is not a Spindle shared-memory segment of this version");
            }
            SharedMemory memory = new SharedMemory(name, whole.get(ValueLayout.JAVA_INT, KIND_OFFSET), arena, whole);
            memory.checkKind(expectedKind);
            SharedMemory raced = MAPPED.putIfAbsent(name, memory);
            if (raced != null && raced.isOpen()) {
                arena.close();
                return raced;
            }
            MAPPED.put(name, memory);
            return memory;
        } catch (NoSuchFileException e) {
            arena.close();
            throw new IllegalArgumentException("no shared memory is named '" + name + "'", e);
        } catch (IOException e) {
            arena.close();
            throw new IllegalArgumentException("cannot open shared memory '" + name + "': " + e, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    int kind() {
        return kind;
    }

    private void checkKind(int expected) {
        if (expected != KIND_BYTES && kind != expected) {
            throw new IllegalArgumentException("shared memory '" + name + "' holds " + kindName(kind) + ", not "
                    + kindName(expected));
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("shared memory '" + name + "' is closed in this process");
        }
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a shared-memory name is 1 to 200 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit; was '" + name + "'");
        }
    }

    private static Path path(String name) {
        return DIRECTORY.resolve(PREFIX + name);
    }

    private static long usableSpace() {
        try {
            return Files.getFileStore(DIRECTORY).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /** A segment file's header, read without mapping it; all zeros where the file is shorter. */
    private static ByteBuffer header(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.nativeOrder());
            channel.read(header, 0);
            return header;
        }
    }

    private static boolean isOrphan(Path file) {
        try {
            ByteBuffer header = header(file);
            if (header.getLong(MAGIC_OFFSET) != MAGIC) {
                return false;
            }
            long pid = header.getLong(OWNER_PID_OFFSET);
            long start = header.getLong(OWNER_START_OFFSET);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(owner -> start != 0 && startMillis(owner) != 0 && Math.abs(startMillis(owner) - start) > 1_000)
                    .orElse(true);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the process named in a half-created file's name still runs. */
    private static boolean creatorAlive(Path creating) {
        String file = creating.getFileName().toString();
        String withoutSuffix = file.substring(0, file.length() - ".creating".length());
        try {
            long pid = Long.parseLong(withoutSuffix.substring(withoutSuffix.lastIndexOf('.') + 1));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void hookOnce() {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                for (SharedMemory owned : OWNED.values()) {
                    try {
                        owned.unlink();
                    } catch (UncheckedIOException e) {
                        // the next sweep removes it
                    }
                }
            }));
        }
    }

    // ---- serialisation: the name alone ----

    @Serial
    private Object writeReplace() {
        return new Handle(name, KIND_BYTES);
    }

    /** What a segment, or a view over one, travels as: its name. */
    record Handle(String name, int kind) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() throws ObjectStreamException {
            return switch (kind) {
                case KIND_LONGS -> SharedLongArray.open(name);
                case KIND_DOUBLES -> SharedDoubleArray.open(name);
                case KIND_ATOMIC_LONG -> SharedAtomicLong.open(name);
                case KIND_LOCK -> SharedLock.open(name);
                case KIND_SEMAPHORE -> SharedSemaphore.open(name);
                default -> SharedMemory.open(name);
            };
        }
    }
}
