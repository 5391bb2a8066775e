package dev.spindle.process.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Class-data sharing for worker JVMs: a dynamic CDS archive of the classes a worker loaded, so that
 * later workers map them instead of loading, verifying and linking them again.
 *
 * <p>One archive per JDK, class path (each jar's size and modification time) and set of JVM
 * options, named by a hash of them, so a rebuilt jar or another option never meets a stale
 * archive. While no archive exists, the first worker launched in this JVM writes one to a file of
 * its own ({@code -XX:ArchiveClassesAtExit}) as it stops; the file is moved into place atomically
 * only if it stopped cleanly, so a reader never sees half an archive. The JVM archives no class
 * from a directory, so with a directory on the class path (as in a build's tests) workers start
 * without an archive. The newest {@value #KEPT} archives are kept; older ones are deleted as a new
 * one is written. The JVM's own CDS messages are silenced: an archive it cannot use is a
 * slower start, not an error.
 */
final class StartupCache {

    private static final List<String> QUIET = List.of("-Xlog:cds*=off");
    private static final int KEPT = 8;

    /** The workers writing an archive, by archive: one at a time in this JVM. */
    private static final ConcurrentHashMap<Path, WorkerProcess> WRITERS = new ConcurrentHashMap<>();

    private final Path archive;

    private StartupCache(Path archive) {
        this.archive = archive;
    }

    /** The cache for this class path and these options; one that does nothing if the class path is not all jars. */
    static StartupCache of(Path directory, List<String> classPath, List<String> jvmOptions) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home"));
            update(digest, System.getProperty("java.vm.version"));
            for (String entry : classPath) {
                Path jar = Path.of(entry);
                if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                    return new StartupCache(null);
                }
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                update(digest, jar.toAbsolutePath() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis());
            }
            for (String option : jvmOptions) {
                update(digest, option);
            }
            String key = HexFormat.of().formatHex(digest.digest(), 0, 12);
            return new StartupCache(directory.resolve("worker-" + key + ".jsa"));
        } catch (IOException | NoSuchAlgorithmException e) {
            return new StartupCache(null);
        }
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    List<String> optionsFor(WorkerProcess worker) {
        if (archive == null) {
            return List.of();
        }
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, QUIET.getFirst());
        }
        if (WRITERS.putIfAbsent(archive, worker) != null) {
            return List.of();
        }
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            WRITERS.remove(archive, worker);
            return List.of();
        }
        return List.of("-XX:ArchiveClassesAtExit=" + writing(worker), QUIET.getFirst());
    }

    private Path writing(WorkerProcess worker) {
        return archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "." + worker.name + ".tmp");
    }

    /**
     * Keeps the {@value #KEPT} newest archives: each rebuild of a jar makes a new one, and the old
     * ones would pile up.
     */
    private void pruneOldArchives() throws IOException {
        try (var archives = Files.list(archive.getParent())) {
            List<Path> oldestLast = archives.filter(path -> {
                String file = path.getFileName().toString();
                return file.startsWith("worker-") && file.endsWith(".jsa");
            }).sorted(Comparator.comparing(StartupCache::modified).reversed()).toList();
            for (Path old : oldestLast.subList(Math.min(KEPT, oldestLast.size()), oldestLast.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    void ended(WorkerProcess worker, boolean stoppedCleanly) {
        if (archive == null || !WRITERS.remove(archive, worker)) {
            return;
        }
        Path written = writing(worker);
        try {
            if (stoppedCleanly && Files.isRegularFile(written)) {
                try {
                    Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    pruneOldArchives();
                } catch (AtomicMoveNotSupportedException e) {
                    Files.deleteIfExists(written);
                }
            } else {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            // a cache: the next pool writes it again
        }
    }
}
