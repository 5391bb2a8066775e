package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolMapTest {

    @Test
    void countsComeInRangeOrderAndEveryPoolAgreesWithTheSieve() throws Exception {
        Printed<PoolMap.Counted> run = Printed.of(PoolMap::run);
        PoolMap.Counted counted = run.result();
        List<Long> bySieve = Primes.SEED_RANGES.stream()
                .map(r -> Primes.countBelow(r.end()) - Primes.countBelow(r.start()))
                .toList();
        assertEquals(List.of(7_393L, 6_455L, 6_172L, 5_977L), bySieve);
        assertEquals(bySieve, counted.counts());
        assertEquals(25_997, counted.sieve());
        assertEquals(Map.of("threads(4)", 25_997L, "sequential", 25_997L, "forkJoin(2)", 25_997L, "virtualThreads", 25_997L),
                counted.totals());
        assertTrue(run.output().contains("(a sieve agrees)"), run.output());
    }
}
