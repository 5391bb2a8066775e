package dev.spindle.process;

import dev.spindle.Pool;
import dev.spindle.testkit.SharedGate;
import dev.spindle.testkit.SharedState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channels and pipes between this JVM and its workers, in both directions. One pool serves every test. */
class ChannelTest {

    private static final long HANG = 60;
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = ProcessPool.builder().workers(2).build();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(HANG, TimeUnit.SECONDS);
    }

    @Test
    void aTaskStreamsProgressToThisJvmAsItGoes() throws Exception {
        Channel<String> progress = Channel.create("progress", 4); // smaller than the stream: the task waits for room
        CompletableFuture<Integer> done = pool.submit(() -> {
            for (int step = 1; step <= 10; step++) {
                progress.send("step " + step);
            }
            return 10;
        });
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seen.add(progress.receive());
        }
        assertEquals(10, get(done));
        assertEquals(List.of("step 1", "step 2", "step 3", "step 4", "step 5", "step 6", "step 7", "step 8", "step 9",
                "step 10"), seen);
    }

    @Test
    void thisJvmFeedsWorkToTasksUntilItClosesTheChannel() throws Exception {
        Channel<Integer> work = Channel.create("work", 8);
        List<CompletableFuture<Long>> consumers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            consumers.add(pool.submit(() -> {
                long sum = 0;
                try {
                    while (true) {
                        sum += work.receive();
                    }
                } catch (ChannelClosedException e) {
                    return sum;
                }
            }));
        }
        for (int i = 1; i <= 1_000; i++) {
            work.send(i);
        }
        work.close();
        long total = 0;
        for (CompletableFuture<Long> consumer : consumers) {
            total += get(consumer);
        }
        assertEquals(500_500, total, "a message was lost or received twice");
    }

    @Test
    void manyTasksSendToOneChannelAndEveryMessageArrivesOnce() throws Exception {
        Channel<Integer> results = Channel.create("results", 1_000);
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int task = 0; task < 8; task++) {
            int first = task * 100;
            senders.add(pool.run(() -> {
                for (int i = first; i < first + 100; i++) {
                    results.send(i);
                }
            }));
        }
        Set<Integer> received = new HashSet<>();
        for (int i = 0; i < 800; i++) {
            assertTrue(received.add(results.receive()), "a message arrived twice");
        }
        for (CompletableFuture<Void> sender : senders) {
            get(sender);
        }
        assertNull(results.poll(Duration.ZERO));
    }

    @Test
    void aPipeCarriesADialogueBothWays() throws Exception {
        Pipe<String> pipe = Pipe.create("dialogue", 2);
        Pipe.End<String> mine = pipe.one();
        Pipe.End<String> theirs = pipe.other();
        CompletableFuture<String> task = pool.submit(() -> {
            theirs.send("ready");
            return "heard " + theirs.receive();
        });
        assertEquals("ready", mine.receive());
        mine.send("go");
        assertEquals("heard go", get(task));
    }

    @Test
    void aPollInAWorkerTimesOutWithNothing() throws Exception {
        Channel<String> quiet = Channel.create("quiet", 1);
        assertEquals("nothing", get(pool.submit(() -> {
            String message = quiet.poll(Duration.ofMillis(10));
            return message == null ? "nothing" : message;
        })));
        assertTrue(get(pool.submit(() -> quiet.offer("one", Duration.ZERO))));
        assertFalse(get(pool.submit(() -> quiet.offer("two", Duration.ZERO))), "the channel holds one message");
        assertEquals("one", quiet.receive());
    }

    @Test
    void aMessageThatCannotBeSerialisedIsRefusedInTheWorkerNamingTheClass() throws Exception {
        Channel<Object> objects = Channel.create("objects", 1);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> get(pool.run(() -> objects.send(new Object()))));
        IllegalArgumentException refused = assertInstanceOf(IllegalArgumentException.class, failed.getCause());
        assertEquals("a message for channel objects cannot be sent: java.lang.Object is not serialisable", refused.getMessage());
    }

    @Test
    void aClosedChannelRefusesSendsEverywhereAndCapacityIsChecked() throws Exception {
        assertEquals("capacity must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Channel.create("none", 0)).getMessage());
        Channel<String> closed = Channel.create("closed", 1);
        closed.send("last");
        closed.close();
        assertEquals("channel closed is closed: nothing more can be sent",
                assertThrows(ChannelClosedException.class, () -> closed.send("more")).getMessage());
        assertEquals("last", get(pool.submit(closed::receive)), "what was sent before closing is still received");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> get(pool.submit(closed::receive)));
        assertInstanceOf(ChannelClosedException.class, failed.getCause());
    }

    @Test
    void aReceiveInterruptedInAWorkerLosesNoMessage() throws Exception {
        try (SharedState shared = SharedState.create()) {
            SharedGate waiting = shared.gate("waiting");
            Channel<String> channel = Channel.create("interrupted", 1);
            CompletableFuture<String> receiver = pool.submit(() -> {
                waiting.open();
                return channel.receive();
            });
            assertTrue(waiting.await(Duration.ofSeconds(HANG)));
            receiver.cancel(true);
            channel.send("kept");
            assertEquals("kept", channel.poll(Duration.ofSeconds(HANG)), "the cancelled receive swallowed the message");
        }
    }
}
