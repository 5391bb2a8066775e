package dev.spindle.process.internal;

import dev.spindle.Action;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A process pool's options, validated and copied by {@code ProcessPool.Builder}. Not API.
 *
 * @param workers           how many worker JVMs run tasks at once
 * @param jvmOptions        options for every worker JVM, before Spindle's own
 * @param initializer       run once in each worker before its first task, or {@code null}
 * @param maxTasksPerWorker tasks a worker runs before it is replaced, or 0 for no limit
 * @param taskTimeout       how long a task may run before its worker is killed, or {@code null}
 * @param startAll          whether every worker starts when the pool is built, rather than as tasks arrive
 * @param standby           started workers kept in reserve, so that a replacement is immediate
 * @param maxMessageBytes   the largest task or result, serialised
 * @param startupCache      where class-data-sharing archives of the workers are kept, or {@code null} for none
 */
public record Settings(int workers, List<String> jvmOptions, Action initializer, int maxTasksPerWorker,
                       Duration taskTimeout, boolean startAll, int standby, int maxMessageBytes, Path startupCache) {

    public Settings {
        jvmOptions = List.copyOf(jvmOptions);
    }
}
