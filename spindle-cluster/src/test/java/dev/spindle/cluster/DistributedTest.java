package dev.spindle.cluster;

import dev.spindle.Pool;
import dev.spindle.WorkerLostException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distributed primitives and actors, used from this JVM and from tasks on both members of a
 * two-member cluster: every count exact, every handle found where the task lands.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DistributedTest {

    private static final Duration HANG = Duration.ofSeconds(60);
    private static final int TASKS = 40;

    private static Cluster cluster;
    private static MemberProcess second;
    private static Pool pool;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.builder().name("distributed").start();
        second = MemberProcess.start("--join", cluster.address(), "--name", "distributed");
        pool = cluster.pool(4);
    }

    @AfterAll
    static void stop() {
        try {
            second.close();
        } finally {
            cluster.close();
        }
    }

    /** Runs {@code TASKS} tasks, and checks that both members ran some. */
    private static void onBothMembers(dev.spindle.TaskFunction<Integer, Long> task) {
        Set<Long> pids = new HashSet<>(pool.map(task, IntStream.range(0, TASKS).boxed()).toList());
        assertEquals(Set.of(ProcessHandle.current().pid(), second.pid()), pids, "tasks ran on both members");
    }

    @Test
    void aCounterCountsExactlyFromEveryMember() {
        ClusterCounter counter = cluster.counter("hits");
        onBothMembers(i -> {
            for (int k = 0; k < 100; k++) {
                counter.incrementAndGet();
            }
            return ProcessHandle.current().pid();
        });
        assertEquals(TASKS * 100L, counter.get());
        assertTrue(counter.compareAndSet(TASKS * 100L, 7));
        assertEquals(7, cluster.counter("hits").getAndAdd(3), "the same counter by name");
        assertEquals(10, counter.get());
    }

    @Test
    void aLockMakesAReadModifyWriteOnAMapExact() throws Exception {
        ClusterLock lock = cluster.lock("ledger");
        ClusterMap<String, Long> map = cluster.map("ledger");
        map.put("total", 0L);
        onBothMembers(i -> {
            for (int k = 0; k < 10; k++) {
                lock.lock();
                try {
                    map.put("total", map.get("total").orElseThrow() + 1);
                } finally {
                    lock.unlock();
                }
            }
            return ProcessHandle.current().pid();
        });
        assertEquals(Long.valueOf(TASKS * 10L), map.get("total").orElseThrow());
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertTrue(lock.tryLock(HANG));
        assertTrue(lock.isHeldByCurrentThread());
        lock.unlock();
    }

    @Test
    void aSemaphoreLetsAtMostItsPermitsIn() throws Exception {
        ClusterSemaphore semaphore = cluster.semaphore("two", 2);
        ClusterCounter inside = cluster.counter("inside");
        ClusterCounter most = cluster.counter("most");
        onBothMembers(i -> {
            semaphore.acquire();
            try {
                long now = inside.incrementAndGet();
                for (long seen = most.get(); now > seen && !most.compareAndSet(seen, now); seen = most.get()) {
                    // retried: another task raised the mark meanwhile
                }
                inside.addAndGet(-1);
            } finally {
                semaphore.release();
            }
            return ProcessHandle.current().pid();
        });
        assertTrue(most.get() >= 1 && most.get() <= 2, "at most two inside at once, saw " + most.get());
        assertEquals(2, semaphore.availablePermits());
        assertTrue(semaphore.tryAcquire(HANG));
        semaphore.release();
    }

    @Test
    void aLatchReleasesItsWaiterWhenTasksOnBothMembersCountItDown() throws Exception {
        ClusterLatch latch = cluster.latch("done", TASKS);
        onBothMembers(i -> {
            latch.countDown();
            return ProcessHandle.current().pid();
        });
        assertTrue(latch.await(HANG));
        assertEquals(0, latch.count());
    }

    @Test
    void aQueueCarriesValuesFromTasksToTheCaller() throws Exception {
        ClusterQueue<String> queue = cluster.queue("results", 0);
        onBothMembers(i -> {
            queue.put("result " + i + " from " + ProcessHandle.current().pid());
            return ProcessHandle.current().pid();
        });
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            taken.add(queue.poll(HANG.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(TASKS, taken.stream().map(s -> s.substring(0, s.indexOf(" from"))).distinct().count());
        assertEquals(null, queue.poll());
        assertTrue(queue.offer("one"));
        assertEquals(List.of("one"), new ArrayList<>(queue));
        assertEquals("one", queue.take());
    }

    @Test
    void aValueStoredOnceIsReadByReferenceOnEveryMember() {
        byte[] large = new byte[2 * 1024 * 1024];
        new java.util.Random(7).nextBytes(large);
        ObjectRef<byte[]> ref = cluster.store(large);
        long expected = java.util.Arrays.hashCode(large);
        List<Long> hashes = pool.map(i -> (long) java.util.Arrays.hashCode(ref.get()), IntStream.range(0, 8).boxed()).toList();
        assertEquals(List.of(expected), hashes.stream().distinct().toList());
        assertArrayEquals(large, ref.get());
        assertTrue(ref.delete());
        assertEquals("object " + ref.id() + " is not in cluster 'distributed': it was deleted",
                assertThrows(IllegalStateException.class, ref::get).getMessage());
    }

    @Test
    void aMapIsSharedByEveryMember() throws Exception {
        ClusterMap<Integer, String> squares = cluster.map("squares");
        onBothMembers(i -> {
            squares.put(i, i * i + " by " + ProcessHandle.current().pid());
            return ProcessHandle.current().pid();
        });
        assertEquals(TASKS, squares.size());
        assertTrue(squares.get(7).orElseThrow().startsWith("49 by "));
        assertFalse(squares.putIfAbsent(7, "again"));
        assertTrue(squares.remove(7));
        assertFalse(squares.containsKey(7));
        assertEquals(java.util.Optional.empty(), squares.get(7));
        assertThrows(IllegalArgumentException.class, () -> cluster.<String, Object>map("bad").put("thread", new Thread()));
    }

    /** The state of the actors below: a counter that remembers the order of its calls. */
    static final class Tally {
        private final List<Integer> seen = new ArrayList<>();

        int add(int value) {
            seen.add(value);
            return seen.size();
        }
    }

    @Test
    void anActorRunsItsCallsOneAtATimeInOrderUntilItIsStopped() throws Exception {
        ActorRef<Tally> tally = cluster.actor("tally", Tally::new);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int value = i;
            calls.add(tally.call(t -> t.add(value)));
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, calls.get(i).get(HANG.toSeconds(), TimeUnit.SECONDS), "the calls through one handle ran in order");
        }
        assertEquals(IntStream.range(0, 50).boxed().toList(), tally.call(t -> List.copyOf(t.seen)).get());
        List<Integer> fromTasks = pool.map(i -> {
            ActorRef<Tally> found = tally;
            return found.call(t -> t.add(1000 + i)).get();
        }, IntStream.range(0, 8).boxed()).toList();
        assertEquals(Set.of(51, 52, 53, 54, 55, 56, 57, 58), new HashSet<>(fromTasks), "calls from tasks, one at a time");
        assertEquals(tally.member(), cluster.<Tally>actorRef("tally").member());

        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> cluster.actor("tally", Tally::new));
        assertEquals("actor 'tally' exists already, on member " + tally.member(), twice.getMessage());

        ExecutionException threw = assertThrows(ExecutionException.class,
                () -> tally.call(t -> t.seen.get(-1)).get());
        assertInstanceOf(IndexOutOfBoundsException.class, threw.getCause(), "the call's own exception");

        tally.stop();
        ExecutionException stopped = assertThrows(ExecutionException.class, () -> tally.call(t -> t.add(1)).get());
        assertEquals("actor 'tally' was stopped", assertInstanceOf(ActorStoppedException.class, stopped.getCause()).getMessage());
        assertThrows(ActorStoppedException.class, tally::stop);
        assertThrows(ActorStoppedException.class, () -> cluster.actorRef("tally"));
        assertEquals("cluster 'distributed' has no actor 'nobody'",
                assertThrows(NoSuchElementException.class, () -> cluster.actorRef("nobody")).getMessage());
        ActorRef<Tally> again = cluster.actor("tally", Tally::new);
        assertEquals(1, again.call(t -> t.add(1)).get(), "a stopped key can be made again, from fresh state");
        again.stop();
    }

    @Test
    void anActorWhoseMemberLeavesFailsItsCallsAsALostWorker() throws Exception {
        Set<String> before = new HashSet<>(cluster.members());
        try (MemberProcess third = MemberProcess.start("--join", cluster.address(), "--name", "distributed")) {
            String thirdName = cluster.members().stream().filter(m -> !before.contains(m)).findFirst().orElseThrow();
            ActorRef<Tally> doomed = null;
            for (int i = 0; i < 6 && doomed == null; i++) {
                ActorRef<Tally> made = cluster.actor("doomed-" + i, Tally::new);
                if (made.member().equals(thirdName)) {
                    doomed = made;
                }
            }
            assertTrue(doomed != null, "an actor landed on the third member");
            assertEquals(1, doomed.call(t -> t.add(1)).get());
            third.kill();
            ActorRef<Tally> lost = doomed;
            ExecutionException e = assertThrows(ExecutionException.class, () -> lost.call(t -> t.add(2)).get(HANG.toSeconds(), TimeUnit.SECONDS));
            assertEquals(thirdName, assertInstanceOf(WorkerLostException.class, e.getCause()).worker());
        }
    }

    @Test
    void aHandleOutsideAnyMemberSaysSo() throws Exception {
        ClusterCounter counter = cluster.counter("travelling");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(counter);
        }
        try (Cluster other = Cluster.builder().name("elsewhere").start()) {
            assertEquals("elsewhere", other.name());
        }
        ClusterCounter copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ClusterCounter) in.readObject();
        }
        assertEquals(0, copy.get(), "this JVM still runs a member of 'distributed'");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ClusterCounter("nowhere", "x"));
        assertEquals("this JVM runs no member of cluster 'nowhere': the cluster's maps, queues, counters, locks and actors are used"
                + " from its members and their tasks", e.getMessage());
    }
}
