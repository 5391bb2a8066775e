package dev.spindle.lab.io;

import dev.spindle.DeadlineExceededException;
import dev.spindle.structured.GroupFailedException;
import dev.spindle.structured.Subtask;
import dev.spindle.structured.TaskGroup;
import dev.spindle.sync.BoundedSemaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Structured concurrency under real I/O, against the loopback server: a bound on requests in
 * flight holds, a failed request cancels its siblings and their connections close, and a time
 * limit on one request or on a whole group leaves the finished results readable. After each
 * test, once the client is closed, the server has no connection left open.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StructuredIoTest extends WithLoopbackServer {


    @Test
    void aSemaphoreKeepsAtMostKRequestsInFlight() throws Exception {
        int k = 3;
        BoundedSemaphore permits = new BoundedSemaphore(k);
        try (TaskGroup<Http.Fetched> group = TaskGroup.open()) {
            for (int i = 0; i < 24; i++) {
                group.fork(() -> {
                    permits.acquire();
                    try {
                        return Http.get(client, server.delay(Duration.ofMillis(30), 100), WAIT);
                    } finally {
                        permits.release();
                    }
                });
            }
            List<Http.Fetched> all = group.join();
            assertEquals(24, all.stream().filter(f -> f.status() == 200 && f.bytes() == 100 && f.intact()).count());
        }
        assertTrue(server.peakRequestsInFlight() <= k, "peak " + server.peakRequestsInFlight() + " > " + k);
        assertEquals(24, server.served());
    }

    @Test
    void oneFailedRequestCancelsTheOthersAndTheirConnectionsClose() throws Exception {
        int slow = 8;
        List<Subtask<Http.Fetched>> waiting = new ArrayList<>();
        GroupFailedException failed;
        try (TaskGroup<Http.Fetched> group = TaskGroup.open()) {
            for (int i = 0; i < slow; i++) {
                waiting.add(group.fork(() -> Http.get(client, server.delay(LONG, 10), LONG)));
            }
            // the failure comes only once every slow request is being served, so each must be cancelled
            assertTrue(server.await(s -> s.peakRequestsInFlight() == slow, WAIT), server.toString());
            group.fork(() -> Http.get(client, server.drop(1_000), WAIT));
            failed = assertThrows(GroupFailedException.class, group::join);
        }
        assertInstanceOf(IOException.class, failed.getCause());
        for (Subtask<Http.Fetched> s : waiting) {
            assertEquals(Subtask.State.CANCELLED, s.state());
        }
        assertTrue(server.await(s -> s.aborted() == slow, WAIT), "each cancelled request hangs up: " + server);
        assertEquals(0, server.served());
    }

    @Test
    void aTimeoutOnOneRequestFailsOnlyThatRequest() throws Exception {
        try (TaskGroup<Http.Fetched> group = TaskGroup.open()) {
            Subtask<Http.Fetched> quick = group.fork(() -> Http.get(client, server.bytes(5), WAIT));
            Subtask<Http.Fetched> late = group.fork(() -> {
                try {
                    return Http.get(client, server.delay(LONG, 5), Duration.ofMillis(100));
                } catch (HttpTimeoutException e) {
                    return new Http.Fetched(-1, 0, false); // the caller's policy: a timed-out request is a result, not a failure
                }
            });
            group.join();
            assertEquals(new Http.Fetched(200, 5, true), quick.get());
            assertEquals(-1, late.get().status());
        }
        assertTrue(server.await(s -> s.aborted() == 1, WAIT), server.toString());
    }

    @Test
    void aGroupDeadlineCancelsTheSlowRequestsAndKeepsTheFinishedResults() throws Exception {
        List<Subtask<Http.Fetched>> fast = new ArrayList<>();
        List<Subtask<Http.Fetched>> slow = new ArrayList<>();
        try (TaskGroup<Http.Fetched> group = TaskGroup.open(Duration.ofSeconds(5))) {
            for (int i = 0; i < 4; i++) {
                fast.add(group.fork(() -> Http.get(client, server.bytes(7), WAIT)));
                slow.add(group.fork(() -> Http.get(client, server.delay(LONG, 7), LONG)));
            }
            assertThrows(DeadlineExceededException.class, group::join);
        }
        for (Subtask<Http.Fetched> s : fast) {
            assertEquals(new Http.Fetched(200, 7, true), s.get(), "a finished result stays readable");
        }
        for (Subtask<Http.Fetched> s : slow) {
            assertEquals(Subtask.State.CANCELLED, s.state());
        }
        assertTrue(server.await(s -> s.aborted() == 4, WAIT), server.toString());
        assertEquals(4, server.served());
    }
}
