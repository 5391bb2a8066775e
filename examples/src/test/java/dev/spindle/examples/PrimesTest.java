package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrimesTest {

    @Test
    void thereAre25997PrimesBelow300000() {
        assertEquals(25_997, Primes.countBelow(300_000));
        assertEquals(25_997, Primes.SEED_RANGES.stream().mapToLong(Primes::count).sum());
    }

    @Test
    void trialDivisionAgreesWithTheSieveOnSmallNumbers() {
        assertEquals(IntStream.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29).boxed().toList(),
                IntStream.range(-5, 30).filter(Primes::isPrime).boxed().toList());
        for (int limit = 0; limit < 2_000; limit += 37) {
            assertEquals(Primes.countBelow(limit), Primes.count(new Range(0, limit)), "below " + limit);
        }
    }

    @Test
    void badRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Primes.count(new Range(10, 5)));
        assertThrows(IllegalArgumentException.class, () -> Primes.count(new Range(-1, 5)));
    }
}
