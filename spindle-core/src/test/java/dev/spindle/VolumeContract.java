package dev.spindle;

import dev.spindle.testkit.SharedCounter;
import dev.spindle.testkit.SharedRecorder;
import dev.spindle.testkit.concurrently.ConcurrentThread;
import dev.spindle.testkit.concurrently.Concurrently;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The contract, part six: many tasks, from one thread or many, and none is lost. */
public interface VolumeContract extends PoolFixture {

    @Test
    default void tenThousandTasksNoneLost() throws Exception {
        Pool pool = pool(4);
        SharedRecorder ran = shared().recorder("ran");
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                ran.append(n);
                return n;
            }));
        }
        long sum = 0;
        for (CompletableFuture<Integer> future : futures) {
            sum += future.get(HANG_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(LongStream.range(0, 10_000).boxed().toList(), ran.longs().stream().sorted().toList(),
                "some task did not run exactly once");
        assertEquals(10_000L * 9_999 / 2, sum);
    }

    /** Four submitters at once, released together, each waiting for its own 500 tasks; then none is missing. */
    @Test
    @Concurrently(threads = 4)
    default void tasksFromManyThreadsAtOnceAllRun(ConcurrentThread thread) throws Exception {
        Pool pool = once("pool", () -> pool(2));
        SharedCounter done = once("done", () -> shared().counter("done"));
        List<CompletableFuture<Void>> mine = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            mine.add(pool.run(done::incrementAndGet));
        }
        CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).get(HANG_SECONDS, TimeUnit.SECONDS);
        thread.awaitOthers();
        assertEquals(thread.threads() * 500L, done.get());
    }
}
