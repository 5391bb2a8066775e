package dev.spindle.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a closed pool must not leave behind: worker processes, and its private directory. */
final class Leftovers {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    private final Set<Path> directoriesBefore = poolDirectories();

    /** Asserts that every process this JVM started has exited, and that no pool directory was added. */
    void assertNoneLeft() throws Exception {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().get(30, TimeUnit.SECONDS); // a stopped worker may take a moment to exit
        }
        assertEquals(List.of(), ProcessHandle.current().children().map(ProcessHandle::pid).toList(),
                "worker processes outlived their pool");
        Set<Path> added = poolDirectories();
        added.removeAll(directoriesBefore);
        assertEquals(Set.of(), added, "a pool's private directory was left behind");
    }

    private static Set<Path> poolDirectories() {
        try (Stream<Path> entries = Files.list(TMP)) {
            return entries.filter(path -> path.getFileName().toString().startsWith("spindle-pool-"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new AssertionError("cannot list " + TMP, e);
        }
    }

    static final Duration HANG = Duration.ofSeconds(60);
}
