package dev.spindle.process.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A pool's private directory, readable and writable by the user alone (mode 0700): the workers'
 * sockets live there while they connect, and their fatal-error reports if they crash. Deleted,
 * with what it holds, when the pool has terminated or the JVM exits; one left by a JVM that was
 * killed is deleted by the next pool created on the machine.
 */
final class WorkerDirectory {

    /** A Unix domain socket's path must fit in 108 bytes on Linux; a worker's socket name takes about 20. */
    private static final int LONGEST_DIRECTORY = 80;

    private static final String PREFIX = "spindle-pool-";

    private final Path path;

    private WorkerDirectory(Path path) {
        this.path = path;
    }

    static WorkerDirectory create() {
        reclaimOrphans();
        Path path;
        try {
            path = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the process pool's private directory in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        if (path.toString().length() > LONGEST_DIRECTORY) {
            WorkerDirectory directory = new WorkerDirectory(path);
            directory.delete();
            throw new IllegalStateException("the temporary directory's path is too long for the workers' sockets ("
                    + path + "): set java.io.tmpdir to a shorter one");
        }
        return new WorkerDirectory(path);
    }

    /**
     * Deletes the directories of pools whose JVM died without closing them (killed by SIGKILL, say):
     * the directory's name carries the owner's pid. A directory whose pid is alive is left alone,
     * even if that pid now belongs to another program; it is empty but for crash reports.
     */
    private static void reclaimOrphans() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var entries = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                if (dash <= 0 || !Files.isDirectory(entry) || !Files.isWritable(entry)) {
                    continue;
                }
                try {
                    long owner = Long.parseLong(rest.substring(0, dash));
                    if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                } catch (NumberFormatException e) {
                    continue;
                }
                new WorkerDirectory(entry).delete();
            }
        } catch (IOException | RuntimeException e) {
            // reclaiming is a courtesy: a pool starts without it
        }
    }

    Path path() {
        return path;
    }

    /** Deletes the directory and what it holds. @return whether it is gone */
    boolean delete() {
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
