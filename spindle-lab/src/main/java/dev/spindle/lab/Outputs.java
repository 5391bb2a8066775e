package dev.spindle.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before a run starts, that the files it will write can be written. */
final class Outputs {

    private Outputs() {}

    /**
     * Makes sure that {@code path} can be written once the run ends: its directory exists (it is
     * created now) and may be written, and the path is not a directory.
     *
     * @param what what will be written there, for the message ("the HTML report")
     * @throws IllegalArgumentException naming the path and why
     */
    static void checkWritable(Path path, String what) {
        Path file = path.toAbsolutePath();
        String cannot = "cannot write " + what + " to " + path + ": ";
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(cannot + "it is a directory");
        }
        Path directory = file.getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalArgumentException(cannot + "its directory cannot be created (" + e + ")", e);
        }
        if (!Files.isWritable(directory) || Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(cannot + "permission denied");
        }
    }
}
