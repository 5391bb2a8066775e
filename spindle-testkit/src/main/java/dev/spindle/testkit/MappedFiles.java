package dev.spindle.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.WeakReference;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ConcurrentHashMap;

import static dev.spindle.testkit.SharedFileDescriptor.BODY_LENGTH_OFFSET;
import static dev.spindle.testkit.SharedFileDescriptor.HEADER_LENGTH;
import static dev.spindle.testkit.SharedFileDescriptor.KIND_OFFSET;
import static dev.spindle.testkit.SharedFileDescriptor.MAGIC;
import static dev.spindle.testkit.SharedFileDescriptor.MAGIC_OFFSET;
import static dev.spindle.testkit.SharedFileDescriptor.VERSION;
import static dev.spindle.testkit.SharedFileDescriptor.VERSION_OFFSET;

/**
 * Creates and maps the files of {@link SharedFileDescriptor}.
 *
 * <p>The owner maps each file it creates in its {@link SharedState}'s arena, which unmaps it at
 * close. A handle that arrives by deserialisation maps its file again, here, in an automatic
 * arena: the mapping lives while some handle holds it. Many copies of one handle arrive in one
 * process (every task a backend deserialises carries its own), so mappings are shared per file
 * through weak references: a process maps a file once while it uses it, not once per copy.
 */
final class MappedFiles {

    private static final ConcurrentHashMap<String, WeakReference<MemorySegment>> MAPPED = new ConcurrentHashMap<>();

    private MappedFiles() {}

    /** Read and write for the user only, where the file system knows POSIX permissions. */
    static FileAttribute<?>[] privateTo(String permissions) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }

    /** Creates {@code file} with a header for {@code kind} and maps it, body zeroed, in {@code arena}. */
    static MemorySegment create(Path file, short kind, long bodyLength, Arena arena) {
        try {
            Files.createFile(file, privateTo("rw-------"));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // Mapping past the end grows the file, with zeroes.
                MemorySegment segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_LENGTH + bodyLength, arena);
                segment.set(ValueLayout.JAVA_SHORT, VERSION_OFFSET, VERSION);
                segment.set(ValueLayout.JAVA_SHORT, KIND_OFFSET, kind);
                segment.set(ValueLayout.JAVA_LONG, BODY_LENGTH_OFFSET, bodyLength);
                segment.set(ValueLayout.JAVA_INT, MAGIC_OFFSET, MAGIC);
                return segment;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shared file " + file, e);
        }
    }

    /**
     * Maps the file of a deserialised handle, or returns the mapping this process already has.
     *
     * @throws IllegalStateException if the file is gone (its {@link SharedState} was closed) or
     *         is not a shared file of {@code kind}
     */
    static MemorySegment open(String file, short kind, String handle) {
        WeakReference<MemorySegment> known = MAPPED.get(file);
        MemorySegment segment = known == null ? null : known.get();
        if (segment != null) {
            return segment;
        }
        segment = map(file, kind, handle);
        MAPPED.values().removeIf(reference -> reference.refersTo(null));
        MAPPED.put(file, new WeakReference<>(segment));
        return segment;
    }

    private static MemorySegment map(String file, short kind, String handle) {
        try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < HEADER_LENGTH) {
                throw new IllegalStateException(handle + ": " + file + " is not a shared file (" + size + " bytes)");
            }
            MemorySegment segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, Arena.ofAuto());
            int magic = segment.get(ValueLayout.JAVA_INT, MAGIC_OFFSET);
            short version = segment.get(ValueLayout.JAVA_SHORT, VERSION_OFFSET);
            short found = segment.get(ValueLayout.JAVA_SHORT, KIND_OFFSET);
            long bodyLength = segment.get(ValueLayout.JAVA_LONG, BODY_LENGTH_OFFSET);
            if (magic != MAGIC || version != VERSION || found != kind || HEADER_LENGTH + bodyLength > size) {
                throw new IllegalStateException(handle + ": " + file + " is not a shared file of kind " + kind
                        + " (magic " + Integer.toHexString(magic) + ", version " + version + ", kind " + found
                        + ", body " + bodyLength + " of " + size + " bytes)");
            }
            return segment;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(handle + " is gone: the SharedState that made it was closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + handle + " from " + file, e);
        }
    }
}
