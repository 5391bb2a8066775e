package dev.spindle.process;

import dev.spindle.JobFailedException;
import dev.spindle.Parallel;
import dev.spindle.cache.CachedFunction;
import dev.spindle.cache.DiskCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** joblib's loop preferring worker JVMs, and a disk cache shared by them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JoblibOnWorkersTest {

    @Test
    void parallelPreferringProcessesRunsOnWorkerJvmsAndNamesAFailedInput() {
        long here = ProcessHandle.current().pid();
        List<Long> pids = Parallel.jobs(2).prefer(Parallel.Prefer.PROCESSES).batchSize(1)
                .map(i -> ProcessHandle.current().pid(), IntStream.range(0, 8).boxed().toList());
        assertEquals(8, pids.size());
        assertTrue(pids.stream().noneMatch(p -> p == here), "every input ran in a worker JVM: " + pids);
        JobFailedException e = assertThrows(JobFailedException.class, () -> Parallel.jobs(2).prefer(Parallel.Prefer.PROCESSES)
                .map(s -> Integer.parseInt(s), List.of("1", "2", "three", "4")));
        assertEquals(2, e.index());
        assertTrue(e.getMessage().startsWith("input #2 (three) failed: "), e.getMessage());
    }

    @Test
    void workerJvmsSharingACacheComputeEachKeyOnce(@TempDir Path dir) throws Exception {
        String log = dir.resolve("computed.log").toString();
        CachedFunction<Integer, Integer> slow = DiskCache.at(dir.resolve("cache")).cache(x -> {
            Files.writeString(Path.of(log), x + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Thread.sleep(200); // the other worker asks for the same key meanwhile
            return x * 2;
        });
        List<Integer> inputs = List.of(5, 5, 5, 5, 9, 9);
        assertEquals(List.of(10, 10, 10, 10, 18, 18), Parallel.jobs(2).prefer(Parallel.Prefer.PROCESSES).batchSize(1).map(slow, inputs));
        assertEquals(List.of("5", "9"), Files.readAllLines(Path.of(log)).stream().sorted().toList(), "each key computed by one worker only");
        assertEquals(CachedFunction.Outcome.HIT, slow.lookup(5).outcome(), "and this JVM reads what the workers stored");
    }
}
