package dev.spindle.cache;

import dev.spindle.TaskFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk cache keeps a result once per argument, across instances and JVMs; an edited function,
 * a corrupt entry, a full disk, a size limit and unserialisable values each behave as documented.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiskCacheTest {

    /** Counts its calls in a static: a lambda made by the same expression every time. */
    static final AtomicInteger CALLS = new AtomicInteger();

    static TaskFunction<Integer, Long> square() {
        return x -> {
            CALLS.incrementAndGet();
            return (long) x * x;
        };
    }

    static TaskFunction<Integer, Long> cube() {
        return x -> (long) x * x * x;
    }

    @Test
    void aSecondCallIsReadBackEvenByAnotherInstance(@TempDir Path dir) throws Exception {
        CachedFunction<Integer, Long> first = DiskCache.at(dir).cache(square());
        int before = CALLS.get();
        assertEquals(new CachedFunction.Lookup<>(49L, CachedFunction.Outcome.MISS), first.lookup(7));
        assertEquals(new CachedFunction.Lookup<>(49L, CachedFunction.Outcome.HIT), first.lookup(7));
        CachedFunction<Integer, Long> again = DiskCache.at(dir).cache(square()); // a new run, the same function
        assertEquals(49L, again.apply(7));
        assertEquals(1, CALLS.get() - before, "computed once");
        assertEquals(new CachedFunction.Stats(1, 1, 0, 0, 0), first.stats());
        assertEquals(1, again.stats().hits());
    }

    @Test
    void aDifferentBodyIsADifferentFunction(@TempDir Path dir) throws Exception {
        assertEquals(FunctionIdentity.of(square()), FunctionIdentity.of(square()));
        assertNotEquals(FunctionIdentity.of(square()), FunctionIdentity.of(cube()));
        DiskCache cache = DiskCache.at(dir);
        assertEquals(9L, cache.cache(square()).apply(3));
        assertEquals(CachedFunction.Outcome.MISS, cache.cache(cube()).lookup(3).outcome(), "the square's entry is not the cube's");
    }

    @Test
    void aCorruptEntryIsRecomputedAndATemporaryFileIsNeverRead(@TempDir Path dir) throws Exception {
        CachedFunction<Integer, Long> f = DiskCache.at(dir).cache(cube());
        f.apply(5);
        Path entry = entries(dir).getFirst();
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(entry, bytes);
        assertEquals(new CachedFunction.Lookup<>(125L, CachedFunction.Outcome.MISS), f.lookup(5));
        assertEquals(1, f.stats().corrupt());
        assertEquals(CachedFunction.Outcome.HIT, f.lookup(5).outcome(), "stored again, whole");

        Files.writeString(dir.resolve(entry.getFileName() + ".123.abc.tmp"), "half an entry"); // a crash mid-write
        assertEquals(CachedFunction.Outcome.HIT, f.lookup(5).outcome());
    }

    @Test
    void aFailedWriteDropsTheEntryAndStillReturnsTheResult(@TempDir Path dir) throws Exception {
        CachedFunction<Integer, Long> full = DiskCache.at(dir).cache(cube()).writingWith((file, bytes) -> {
            Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.CREATE_NEW); // part of it lands...
            throw new IOException("No space left on device");                      // ...then the disk is full
        });
        assertEquals(8L, full.apply(2));
        assertEquals(1, full.stats().dropped());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> !p.toString().endsWith(CachedFunction.LOCK)).toList(), "nothing half-written left");
        }
    }

    @Test
    void theSizeLimitEvictsTheLeastRecentlyUsed(@TempDir Path dir) throws Exception {
        CachedFunction<Integer, Long> probe = DiskCache.at(dir).cache(cube());
        probe.apply(0);
        long entrySize = Files.size(entries(dir).getFirst());
        probe.clear();
        CachedFunction<Integer, Long> f = DiskCache.at(dir).maxBytes(3 * entrySize).cache(cube());
        for (int i = 1; i <= 3; i++) {
            f.apply(i);
        }
        // make the ages unambiguous: entry 1 used last, entries 2 and 3 before it
        long now = System.currentTimeMillis();
        for (Path p : entries(dir)) {
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(now - 60_000));
        }
        assertEquals(CachedFunction.Outcome.HIT, f.lookup(1).outcome()); // touches entry 1
        f.apply(4); // a fourth entry: one must go
        assertEquals(3, entries(dir).size());
        assertTrue(DiskCache.at(dir).sizeInBytes() <= 3 * entrySize);
        assertEquals(1, f.stats().evicted());
        assertEquals(CachedFunction.Outcome.HIT, f.lookup(1).outcome(), "the most recently used stays");
    }

    @Test
    void clearEmptiesTheCache(@TempDir Path dir) throws Exception {
        DiskCache cache = DiskCache.at(dir);
        cache.cache(cube()).apply(1);
        cache.cache(square()).apply(1);
        assertEquals(2, entries(dir).size());
        cache.clear();
        assertEquals(0, entries(dir).size());
    }

    @Test
    void manyThreadsAskingForOneKeyComputeItOnce(@TempDir Path dir) throws Exception {
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(8);
        CachedFunction<Integer, Integer> slow = DiskCache.at(dir).cache(x -> {
            computed.incrementAndGet();
            return x + 1;
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    all.countDown();
                    all.await();
                    return slow.apply(41);
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(42, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertEquals(1, computed.get());
        assertEquals(new CachedFunction.Stats(7, 1, 0, 0, 0), slow.stats());
    }

    /** The child JVM of {@link #twoJvmsAskingForOneKeyComputeItOnce}: applies the function to 6 and exits. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String log = args[1]; // captured as a string: a Path is not serialisable
        CachedFunction<Integer, Integer> slow = DiskCache.at(dir).cache(x -> {
            Files.writeString(Path.of(log), "computed\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Thread.sleep(500); // holds the key's lock long enough that the other JVM surely asks meanwhile
            return x * 7;
        });
        System.out.println(slow.lookup(6));
    }

    @Test
    void twoJvmsAskingForOneKeyComputeItOnce(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("computations.log");
        Path cache = dir.resolve("cache");
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DiskCacheTest.class.getName(), cache.toString(), log.toString())
                    .redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process child : children) {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), out);
            assertEquals(0, child.exitValue(), out);
            outputs.add(out.strip());
        }
        assertEquals(List.of("computed"), Files.readAllLines(log), "one JVM computed, the other read: " + outputs);
        assertTrue(outputs.contains("Lookup[value=42, outcome=MISS]") && outputs.contains("Lookup[value=42, outcome=HIT]"), outputs.toString());
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        String notADir = assertThrows(IllegalArgumentException.class, () -> DiskCache.at(file)).getMessage();
        assertTrue(notADir.startsWith("cache directory " + file.toAbsolutePath() + " cannot be created or written"), notADir);
        assertThrows(NullPointerException.class, () -> DiskCache.at(dir).cache(null));
        assertEquals("maxBytes must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> DiskCache.at(dir).maxBytes(0)).getMessage());
        CachedFunction<Object, Object> identity = DiskCache.at(dir).cache(x -> x);
        String arg = assertThrows(IllegalArgumentException.class, () -> identity.apply(new Thread())).getMessage();
        assertEquals("cannot cache: the argument is of class java.lang.Thread, which is not serialisable", arg);
        CachedFunction<Integer, Object> makesThreads = DiskCache.at(dir).cache(x -> new Object());
        assertEquals("cannot cache: the result is of class java.lang.Object, which is not serialisable",
                assertThrows(IllegalArgumentException.class, () -> makesThreads.apply(1)).getMessage());
        Object notSerialisable = new Object();
        String fn = assertThrows(IllegalArgumentException.class, () -> DiskCache.at(dir).cache(x -> notSerialisable)).getMessage();
        assertTrue(fn.startsWith("cannot cache a function that is not serialisable: java.lang.Object"), fn);
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(CachedFunction.ENTRY)).sorted().toList();
        }
    }
}
