package dev.spindle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract, part two: {@code map} and {@code mapUnordered} are lazy, bounded, complete, and
 * name the index of a failed element. Their functions share nothing with the test; what the test
 * watches (the input, the results) stays on the consuming thread.
 */
public interface MapContract extends PoolFixture {

    @Test
    default void mapReturnsResultsInInputOrder() {
        Pool pool = pool(3);
        List<Integer> inputs = IntStream.range(0, 1_000).boxed().toList();
        List<Integer> squares = pool.map(x -> x * x, inputs).toList();
        assertEquals(inputs.stream().map(x -> x * x).toList(), squares);
    }

    @Test
    default void mapInChunksReturnsTheSameResults() {
        Pool pool = pool(3);
        List<Integer> inputs = IntStream.range(0, 1_003).boxed().toList();
        List<Integer> results = pool.map(x -> x + 1, inputs, MapOptions.defaults().withChunkSize(10)).toList();
        assertEquals(inputs.stream().map(x -> x + 1).toList(), results);
    }

    @Test
    default void mapKeepsNullResults() {
        Pool pool = pool(2);
        List<String> results = pool.map(x -> x % 2 == 0 ? null : "odd", List.of(0, 1, 2, 3), MapOptions.defaults().withChunkSize(3)).toList();
        assertEquals(Arrays.asList(null, "odd", null, "odd"), results);
    }

    @Test
    default void mapIsLazyAndBoundedOnAnInfiniteInput() {
        Pool pool = pool(2);
        int inFlight = 5;
        CountingIterator inputs = new CountingIterator();
        AtomicLong consumed = new AtomicLong();
        Stream<Long> results = pool.map(x -> x * 2, inputs, MapOptions.defaults().withInFlight(inFlight).withChunkSize(1));
        assertEquals(0, inputs.pulled.get(), "map read its input before the stream was consumed");
        List<Long> first = results.peek(r -> {
            long taken = consumed.incrementAndGet();
            assertTrue(inputs.pulled.get() - taken < inFlight,
                    "read " + inputs.pulled.get() + " inputs for " + taken + " results: more than " + inFlight + " ahead");
        }).limit(200).toList();
        assertEquals(LongStream.range(0, 200).map(x -> x * 2).boxed().toList(), first);
        assertTrue(inputs.pulled.get() < 200 + inFlight, "pulled " + inputs.pulled.get());
    }

    @Test
    default void mapUnorderedIsBoundedOnAnInfiniteInputToo() {
        Pool pool = pool(2);
        int inFlight = 4;
        CountingIterator inputs = new CountingIterator();
        AtomicLong consumed = new AtomicLong();
        Set<Long> results = pool.mapUnordered(x -> x, inputs, MapOptions.defaults().withInFlight(inFlight).withChunkSize(1))
                .peek(r -> assertTrue(inputs.pulled.get() - consumed.incrementAndGet() < inFlight))
                .limit(100)
                .collect(Collectors.toSet());
        assertEquals(100, results.size());
    }

    @Test
    default void mapReportsTheIndexOfTheFailedElement() {
        Pool pool = pool(2);
        MapFailedException failure = assertThrows(MapFailedException.class,
                () -> pool.map(x -> 10 / (x - 37), IntStream.range(0, 100).boxed().toList()).toList());
        assertEquals(37, failure.index());
        assertInstanceOf(ArithmeticException.class, failure.getCause());
    }

    @Test
    default void chunkedMapReportsTheIndexInsideTheChunk() {
        Pool pool = pool(2);
        MapFailedException failure = assertThrows(MapFailedException.class,
                () -> pool.map(x -> 10 / (x - 37), IntStream.range(0, 100).boxed().toList(),
                        MapOptions.defaults().withChunkSize(8)).toList());
        assertEquals(37, failure.index());
        assertInstanceOf(ArithmeticException.class, failure.getCause());
    }

    @Test
    default void mapDeliversTheResultsBeforeAFailure() {
        Pool pool = pool(2);
        List<Integer> seen = new ArrayList<>();
        assertThrows(MapFailedException.class,
                () -> pool.map(x -> 10 / (x - 5), IntStream.range(0, 20).boxed().toList()).forEach(seen::add));
        assertEquals(List.of(-2, -2, -3, -5, -10), seen);
    }

    @Test
    default void mapUnorderedYieldsEveryResultExactlyOnce() {
        Pool pool = pool(3);
        List<Integer> results = pool.mapUnordered(x -> x * 3, IntStream.range(0, 2_000).boxed().toList()).toList();
        assertEquals(2_000, results.size());
        assertEquals(IntStream.range(0, 2_000).map(x -> x * 3).boxed().collect(Collectors.toSet()), Set.copyOf(results));
    }

    @Test
    default void mapUnorderedInChunksYieldsEveryResultExactlyOnce() {
        Pool pool = pool(3);
        List<Integer> results = pool.mapUnordered(x -> x, IntStream.range(0, 1_001).boxed().toList(),
                MapOptions.defaults().withChunkSize(7)).toList();
        assertEquals(IntStream.range(0, 1_001).boxed().toList(), results.stream().sorted().toList());
    }

    @Test
    default void mapUnorderedReportsTheFailedIndex() {
        Pool pool = pool(2);
        MapFailedException failure = assertThrows(MapFailedException.class,
                () -> pool.mapUnordered(x -> 10 / (x - 12), IntStream.range(0, 50).boxed().toList()).toList());
        assertEquals(12, failure.index());
    }

    @Test
    default void mapOverAStreamConsumesItLazily() {
        Pool pool = pool(2);
        List<Integer> results = pool.map(x -> x + 1, Stream.iterate(0, x -> x + 1)).limit(10).toList();
        assertEquals(IntStream.rangeClosed(1, 10).boxed().toList(), results);
    }

    /** Before the fix, reading a failed map's iterator again read on and submitted more tasks. */
    @Test
    default void aFailedMapThrowsTheSameFailureOnEveryLaterRead() {
        Pool pool = pool(2);
        java.util.concurrent.atomic.AtomicInteger pulled = new java.util.concurrent.atomic.AtomicInteger();
        Iterator<Integer> inputs = IntStream.range(0, 100).peek(x -> pulled.incrementAndGet()).boxed().iterator();
        Iterator<Integer> results = pool.map(x -> 10 / (x - 3), inputs, MapOptions.defaults().withInFlight(2).withChunkSize(1)).iterator();
        MapFailedException first = assertThrows(MapFailedException.class, () -> {
            while (results.hasNext()) {
                results.next();
            }
        });
        int pulledAtFailure = pulled.get();
        MapFailedException again = assertThrows(MapFailedException.class, results::hasNext);
        assertEquals(first.index(), again.index());
        assertEquals(pulledAtFailure, pulled.get(), "the failed map read more input");
    }

    /** An endless input that counts how far it has been read (on the consuming thread). */
    final class CountingIterator implements Iterator<Long> {
        final AtomicLong pulled = new AtomicLong();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Long next() {
            return pulled.getAndIncrement();
        }
    }
}
