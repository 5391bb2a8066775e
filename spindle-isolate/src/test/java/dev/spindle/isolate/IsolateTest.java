package dev.spindle.isolate;

import dev.spindle.isolate.fixtures.StaticCounter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The low-level interface: isolates, prepared values and channels, as the seeds use interpreters. */
class IsolateTest {

    private static final long HANG = 30;

    @Test
    void twoIsolatesAndTheCallerPutIntoOneChannel() throws Exception {
        try (IsolateChannel<String> queue = IsolateChannel.create();
             Isolate a = Isolate.create().prepareMain("queue", queue).prepareMain("name", "a");
             Isolate b = Isolate.create().prepareMain("queue", queue).prepareMain("name", "b")) {
            for (Isolate isolate : List.of(a, b)) {
                isolate.run(() -> Isolate.<IsolateChannel<String>>main("queue").put("hello from " + Isolate.<String>main("name")));
            }
            queue.put("hello from the caller");
            List<String> heard = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                heard.add(queue.poll(Duration.ofSeconds(HANG)).orElseThrow());
            }
            heard.sort(null);
            assertEquals(List.of("hello from a", "hello from b", "hello from the caller"), heard);
        }
    }

    @Test
    void aChannelCapturedByATaskIsTheSameChannelAndMutableValuesAreCopied() throws Exception {
        try (IsolateChannel<Object> channel = IsolateChannel.create(); Isolate isolate = Isolate.create()) {
            isolate.run(() -> channel.put(List.of("x", 1, new byte[] {7}))).get(HANG, TimeUnit.SECONDS);
            List<?> got = (List<?>) channel.take();
            assertEquals("x", got.get(0));
            assertEquals(1, got.get(1));
            assertArrayEquals(new byte[] {7}, (byte[]) got.get(2));
        }
    }

    @Test
    void eachIsolateHasItsOwnStatics() throws Exception {
        try (Isolate a = Isolate.create(); Isolate b = Isolate.create()) {
            assertEquals(1, a.call(StaticCounter::increment).get(HANG, TimeUnit.SECONDS));
            assertEquals(2, a.call(StaticCounter::increment).get(HANG, TimeUnit.SECONDS));
            assertEquals(1, b.call(StaticCounter::increment).get(HANG, TimeUnit.SECONDS), "b never sees a's counter");
        }
    }

    @Test
    void mistakesAreNamed() throws Exception {
        Isolate isolate = Isolate.create().prepareMain("n", 1);
        try {
            assertEquals("java.lang.Thread cannot cross between isolates: share strings, numbers, booleans, characters, byte arrays,"
                    + " lists of these, or channels",
                    assertThrows(IllegalArgumentException.class, () -> isolate.prepareMain("t", Thread.currentThread())).getMessage());
            ExecutionException missing = assertThrows(ExecutionException.class,
                    () -> isolate.call(() -> Isolate.main("m")).get(HANG, TimeUnit.SECONDS));
            assertInstanceOf(NoSuchElementException.class, missing.getCause());
            assertEquals("no value named 'm' was prepared for this isolate; prepared: [n]", missing.getCause().getMessage());
            assertEquals("prepareMain(\"late\") comes too late: the isolate has started running tasks",
                    assertThrows(IllegalStateException.class, () -> isolate.prepareMain("late", 2)).getMessage());
        } finally {
            isolate.close();
        }
        assertEquals("this isolate is closed", assertThrows(IllegalStateException.class, () -> isolate.call(() -> 1)).getMessage());
        assertEquals("Isolate.main(\"n\") is for a task running in an isolate",
                assertThrows(IllegalStateException.class, () -> Isolate.main("n")).getMessage());
        IsolateChannel<String> channel = IsolateChannel.create();
        channel.put("last");
        channel.close();
        assertTrue(assertThrows(IllegalStateException.class, () -> channel.put("more")).getMessage().endsWith(" is closed"));
        assertEquals("last", channel.take(), "what was put before the close is still taken");
        assertThrows(IllegalStateException.class, channel::take);
    }
}
