package dev.spindle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SequentialPoolTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.sequential();
    }

    @Override
    public boolean runsInCaller() {
        return true;
    }

    @Test
    void runsEachTaskInTheCaller() {
        Pool pool = pool(1);
        assertEquals(Thread.currentThread().getName(), pool.submit(() -> Thread.currentThread().getName()).join());
    }

    @Test
    void aFailedElementStopsTheMapSubmittingMore() {
        Pool pool = pool(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.Stream<Integer> results = pool.map(i -> {
            calls.incrementAndGet();
            if (i == 5) {
                throw new IllegalStateException("five");
            }
            return i;
        }, java.util.stream.IntStream.range(0, 100).boxed(), MapOptions.defaults().withInFlight(100).withChunkSize(1));
        MapFailedException e = assertThrows(MapFailedException.class, () -> results.forEach(i -> {}));
        assertEquals(5, e.index());
        assertEquals(6, calls.get(), "inputs after the failed one were never run");
    }

    @Test
    void anInterruptedCallerStopsTheMapItRunsInline() throws Exception {
        Pool pool = pool(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.Stream<Integer> results = pool.map(i -> {
            calls.incrementAndGet();
            if (i == 3) {
                Thread.currentThread().interrupt(); // as if Ctrl-C reached the caller here
            }
            Thread.sleep(1); // a blocking call: throws at once when interrupted
            return i;
        }, java.util.stream.IntStream.range(0, 1_000).boxed(), MapOptions.defaults().withInFlight(1_000).withChunkSize(1));
        MapFailedException e = assertThrows(MapFailedException.class, () -> results.forEach(i -> {}));
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertEquals(4, calls.get());
    }
}
