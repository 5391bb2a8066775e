package dev.spindle.cluster;

import dev.spindle.Pool;
import dev.spindle.PoolClosedException;
import dev.spindle.testkit.SharedCounter;
import dev.spindle.testkit.SharedGate;
import dev.spindle.testkit.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Members, their pools, and every mistake a user can make with them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterTest {

    private static final Duration HANG = Duration.ofSeconds(60);

    @Test
    void tasksRunOnEveryMemberEachOnTheLeastBusy() throws Exception {
        try (SharedState shared = SharedState.create();
             Cluster cluster = Cluster.builder().name("spread").start();
             MemberProcess second = MemberProcess.start("--join", cluster.address(), "--name", "spread");
             Pool pool = cluster.pool(4)) {
            assertEquals(List.of(cluster.address()), cluster.members().subList(0, 1), "this member first");
            assertEquals(2, cluster.members().size());
            SharedCounter started = shared.counter("started");
            SharedGate all = shared.gate("all");
            List<Long> pids = pool.map(i -> {
                if (started.incrementAndGet() == 4) {
                    all.open();
                }
                if (!all.await(HANG)) {
                    throw new IllegalStateException("the four tasks never ran at once");
                }
                return ProcessHandle.current().pid();
            }, IntStream.range(0, 4).boxed()).toList();
            assertEquals(Set.of(ProcessHandle.current().pid(), second.pid()), new HashSet<>(pids), "two tasks on each member");
            assertEquals(2, pids.stream().filter(pid -> pid == second.pid()).count());
        }
    }

    @Test
    void aPoolOfItsOwnStartsAMemberAndItsCloseLeavesNothingBehind() throws Exception {
        long workDirectories = workDirectories();
        Pool pool = Pool.cluster(2);
        List<Thread> members = igniteThreads();
        assertFalse(members.isEmpty(), "the pool's member runs in this JVM");
        assertEquals(42, pool.submit(() -> 6 * 7).get());
        assertEquals("cluster(2)", pool.name());
        pool.close();
        for (Thread thread : members) {
            thread.join(HANG.toMillis());
            assertFalse(thread.isAlive(), thread + " outlived the pool that started its member");
        }
        assertEquals(workDirectories, workDirectories(), "the member's work directory was deleted");
    }

    @Test
    void anAddressWhereNobodyAnswersFailsWithinTheJoinTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String nobody = "127.0.0.1:" + port;
        ClusterJoinException e = assertThrows(ClusterJoinException.class,
                () -> Cluster.builder().join(nobody).joinTimeout(Duration.ofSeconds(2)).start());
        assertEquals("no member of cluster 'spindle' answered at " + nobody + " within 2000 ms", e.getMessage());
        assertTrue(igniteThreads().stream().allMatch(t -> joined(t)), "the member that failed to join stopped every thread");
    }

    @Test
    void aMemberOfAnotherClusterIsRefusedAndSaysWhy() throws Exception {
        try (Cluster alpha = Cluster.builder().name("alpha").start();
             MemberProcess beta = MemberProcess.launch(MemberProcess.Jvm.COMPLETE, "--join", alpha.address(), "--name", "beta",
                     "--join-timeout", "10")) {
            assertEquals(1, beta.waitFor(HANG), beta.output());
            assertTrue(beta.output().matches("(?s).*spindle member: member 127\\.0\\.0\\.1:\\d+ belongs to cluster 'beta',"
                    + " and cluster 'alpha' refused it.*"), beta.output());
            assertEquals(List.of(alpha.address()), alpha.members());
        }
    }

    @Test
    void aClassTheMemberLacksIsNamedWithTheMember() throws Exception {
        try (Cluster driver = Cluster.builder().name("classes").runsTasks(false).start();
             MemberProcess bare = MemberProcess.start(MemberProcess.Jvm.WITHOUT_TEST_CLASSES, "--join", driver.address(),
                     "--name", "classes");
             Pool pool = driver.pool(1)) {
            String member = driver.members().get(1);
            ExecutionException e = assertThrows(ExecutionException.class, () -> pool.submit(() -> "from a test class").get());
            MissingClassException missing = assertInstanceOf(MissingClassException.class, e.getCause());
            assertEquals(ClusterTest.class.getName(), missing.className());
            assertEquals(member, missing.member());
            assertEquals("member " + member + " cannot load class " + ClusterTest.class.getName()
                    + ": it is not on that member's class path (every member needs the application's classes)", missing.getMessage());
            assertTrue(bare.output().contains("is up"), "the member lives on: " + bare.output());
        }
    }

    @Test
    void aMemberThatRunsNoTasksSendsThemAllToTheOthers() throws Exception {
        try (Cluster driver = Cluster.builder().name("driver").runsTasks(false).start();
             Pool pool = driver.pool(1)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> pool.submit(() -> 1).get());
            assertEquals("cluster(1) has no member that runs tasks: every member that did has left the cluster, and "
                    + driver.address() + " was started not to run them", e.getCause().getMessage());
            try (MemberProcess worker = MemberProcess.start("--join", driver.address(), "--name", "driver")) {
                assertEquals(worker.pid(), pool.submit(() -> ProcessHandle.current().pid()).get());
            }
        }
    }

    @Test
    void aClosedPoolAndAClosedClusterRefuseWork() throws Exception {
        Cluster cluster = Cluster.embedded();
        Pool kept = cluster.pool(2);
        Pool closed = cluster.pool(2);
        closed.close();
        assertThrows(PoolClosedException.class, () -> closed.submit(() -> 1));
        assertEquals(1, kept.submit(() -> 1).get());
        cluster.close();
        assertThrows(PoolClosedException.class, () -> kept.submit(() -> 1), "closing the cluster closed its pools");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cluster.pool(1));
        assertEquals("the cluster member " + cluster.address() + " is closed", e.getMessage());
        cluster.close(); // idempotent
    }

    @Test
    void closingTheClusterUnderRunningAndWaitingTasksEndsEveryFuture() throws Exception {
        try (SharedState shared = SharedState.create()) {
            Cluster cluster = Cluster.embedded();
            Pool pool = cluster.pool(1);
            SharedGate started = shared.gate("started");
            SharedGate never = shared.gate("never");
            CompletableFuture<String> running = pool.submit(() -> {
                started.open();
                never.await(HANG);
                return "released";
            });
            CompletableFuture<String> waiting = pool.submit(() -> "waited");
            assertTrue(started.await(HANG));
            cluster.close();
            for (CompletableFuture<String> future : List.of(running, waiting)) {
                assertThrows(java.util.concurrent.CancellationException.class, () -> future.get(HANG.toSeconds(), TimeUnit.SECONDS));
            }
            assertTrue(igniteThreads().stream().allMatch(ClusterTest::joined), "the member stopped every thread");
        }
    }

    @Test
    void withoutTheFlagsTheMemberListsThem() throws Exception {
        try (MemberProcess member = MemberProcess.launch(MemberProcess.Jvm.WITHOUT_FLAGS)) {
            assertEquals(1, member.waitFor(HANG), member.output());
            assertTrue(member.output().contains("needs these JVM flags: --add-opens=java.base/java.lang=ALL-UNNAMED"
                    + " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"), member.output());
            assertFalse(member.output().contains("at org.apache.ignite"), "no stack trace from inside Ignite: " + member.output());
        }
    }

    @Test
    void badSettingsAreNamedBeforeAnythingStarts() {
        assertEquals("port must be between 0 (any free one) and 65535, was 70000",
                assertThrows(IllegalArgumentException.class, () -> Cluster.builder().port(70_000).start()).getMessage());
        assertEquals("a cluster name is letters, digits, '.', '_' and '-', was 'my cluster'",
                assertThrows(IllegalArgumentException.class, () -> Cluster.builder().name("my cluster").start()).getMessage());
        assertEquals("a member's address is host:port, such as 10.0.0.5:47500, was 'somewhere'",
                assertThrows(IllegalArgumentException.class, () -> Cluster.builder().join("somewhere").start()).getMessage());
        assertEquals("joinTimeout must be positive, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> Cluster.builder().joinTimeout(Duration.ZERO).start()).getMessage());
        assertEquals("workers must be at least 1, was 0", assertThrows(IllegalArgumentException.class, () -> Pool.cluster(0)).getMessage());
    }

    /** Threads of Ignite nodes started by Spindle: Ignite names them {@code name-#n%instance%}. */
    private static List<Thread> igniteThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains("%spindle-")).toList();
    }

    private static boolean joined(Thread thread) {
        try {
            thread.join(HANG.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private static long workDirectories() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("spindle-cluster-")).count();
        }
    }
}
