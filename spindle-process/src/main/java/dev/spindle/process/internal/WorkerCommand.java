package dev.spindle.process.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a worker JVM: this JVM's {@code java}, the user's options, Spindle's own,
 * and this JVM's class path with the module path's entries after it.
 *
 * <p>Spindle's options: {@code -XX:+ExitOnOutOfMemoryError}, so a worker out of memory ends at
 * once and is reported instead of limping on; its fatal-error report goes to the pool's private
 * directory ({@code -XX:ErrorFile}) and no core dump is written; stdout and stderr are UTF-8, as
 * the pool reads them.
 */
final class WorkerCommand {

    private final List<String> base;
    private final List<String> classPath;
    private final StartupCache cache;

    WorkerCommand(Settings settings, Path directory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:ErrorFile=" + directory.resolve("hs_err_pid%p.log"));
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        this.base = List.copyOf(command);
        this.classPath = classPath();
        this.cache = settings.startupCache() == null ? null : StartupCache.of(settings.startupCache(), classPath, settings.jvmOptions());
    }

    /** The command for one worker; the first worker of a pool with no archive yet may write one. */
    List<String> forWorker(WorkerProcess worker) {
        List<String> command = new ArrayList<>(base);
        if (cache != null) {
            command.addAll(cache.optionsFor(worker));
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(WorkerMain.class.getName());
        return command;
    }

    /** The worker ended: if it was writing the archive and stopped cleanly, the archive is published. */
    void ended(WorkerProcess worker, boolean stoppedCleanly) {
        if (cache != null) {
            cache.ended(worker, stoppedCleanly);
        }
    }

    private static List<String> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        entries.add(entry);
                    }
                }
            }
        }
        return List.copyOf(entries);
    }
}
