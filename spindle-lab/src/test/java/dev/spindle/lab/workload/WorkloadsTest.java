package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.process.ProcessPool;
import dev.spindle.lab.gil.GilBackend;
import dev.spindle.lab.gil.Gil;
import dev.spindle.lab.io.Http;
import dev.spindle.lab.io.LoopbackServer;
import dev.spindle.lab.strategy.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every workload, at a small size: it passes its own verification on several pools, and its
 * verification catches a wrong result.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkloadsTest {

    /** Runs the workload on a sequential, a threads, a fork/join and a gil pool; each run must verify. */
    private static <R> List<R> passesEverywhere(Workload<R> workload) throws Exception {
        List<R> results = new ArrayList<>();
        for (Pool pool : List.of(Pool.sequential(), Pool.threads(2), Pool.forkJoin(2), Pool.using(new GilBackend(2, Gil.DEFAULT_SWITCH_INTERVAL)),
                ProcessPool.create(2))) {
            try (pool) {
                R result = workload.execute(pool);
                Verdict verdict = workload.verify(result);
                assertTrue(verdict.passed(), workload.name() + " on " + pool.name() + ": " + verdict.summary());
                results.add(result);
            }
        }
        return results;
    }

    @Test
    void piIsWithinToleranceAndTheSameOnEveryPool() throws Exception {
        PiWorkload pi = new PiWorkload(400_000, 8);
        List<PiWorkload.Result> results = passesEverywhere(pi);
        assertEquals(1, results.stream().map(PiWorkload.Result::hits).distinct().count(), "one generator per task: same hits everywhere");
        assertFalse(pi.verify(new PiWorkload.Result(400_000, 400_000)).passed(), "pi = 4 must fail");
        long justOutside = Math.round((Math.PI + 1.01 * PiWorkload.tolerance(400_000)) / 4 * 400_000);
        assertFalse(pi.verify(new PiWorkload.Result(400_000, justOutside)).passed());
    }

    @Test
    void primesAreExactAndAWrongRangeIsNamed() throws Exception {
        PrimesWorkload primes = new PrimesWorkload(50_000, 16);
        PrimesWorkload.Result result = passesEverywhere(primes).getFirst();
        assertEquals(5133L, primes.verify(result).findings().get("primes"));
        long[] wrong = result.counts().clone();
        wrong[3]++;
        Verdict verdict = primes.verify(new PrimesWorkload.Result(result.ranges(), wrong));
        assertFalse(verdict.passed());
        assertTrue(verdict.summary().startsWith("range 3 "), verdict.summary());
    }

    @Test
    void squaresMatchTheClosedFormAndCatchGapsAndWrongSums() throws Exception {
        SquaresWorkload squares = new SquaresWorkload(100_000, 7);
        SquaresWorkload.Result result = passesEverywhere(squares).getFirst();
        assertEquals(BigInteger.valueOf(14), SquaresWorkload.closedForm(4));
        assertFalse(squares.verify(new SquaresWorkload.Result(result.sum().add(BigInteger.ONE), result.count())).passed());
        Verdict gap = squares.verify(new SquaresWorkload.Result(result.sum(), result.count() - 1));
        assertFalse(gap.passed());
        assertTrue(gap.summary().contains("gaps"), gap.summary());
    }

    @Test
    void squaresCarryPastSixtyFourBits() {
        Range big = new Range(3_000_000_000L, 3_000_100_000L);
        SquaresWorkload.Part part = SquaresWorkload.sumSquares(big);
        assertTrue(part.high() > 0, "the sum must have overflowed 64 bits in this range");
        assertEquals(SquaresWorkload.closedForm(big.hi()).subtract(SquaresWorkload.closedForm(big.lo())), part.sum());
    }

    @Test
    void fibonacciIsCheckedByFastDoubling() throws Exception {
        FibonacciWorkload fib = new FibonacciWorkload(0, 37, 10);
        List<BigInteger> result = passesEverywhere(fib).getFirst();
        assertEquals(BigInteger.valueOf(55), FibonacciWorkload.doubling(10));
        for (int n = 0; n <= 100; n++) {
            assertEquals(FibonacciWorkload.iterative(n), FibonacciWorkload.doubling(n), "F(" + n + ")");
        }
        List<BigInteger> wrong = new ArrayList<>(result);
        wrong.set(5, wrong.get(5).add(BigInteger.ONE));
        assertFalse(fib.verify(wrong).passed());
    }

    @Test
    void recursiveFibonacciRunsWhereItCannotStarveAndIsSkippedElsewhere() throws Exception {
        RecursiveFibonacciWorkload fib = new RecursiveFibonacciWorkload(20, 10);
        for (Pool pool : List.of(Pool.sequential(), Pool.forkJoin(1), Pool.forkJoin(2))) {
            try (pool) {
                assertEquals(6765L, fib.execute(pool));
            }
        }
        assertTrue(fib.unsupported(Strategy.SEQUENTIAL, 1).isEmpty());
        assertTrue(fib.unsupported(Strategy.FORKJOIN, 1).isEmpty());
        for (Strategy fixed : List.of(Strategy.THREADS, Strategy.VIRTUAL, Strategy.GIL)) {
            assertTrue(fib.unsupported(fixed, 4).orElseThrow().contains("starve"), fixed.cliName());
        }
        assertFalse(fib.verify(6766L).passed());
    }

    @Test
    void mandelbrotChecksumCatchesOneWrongPixel() throws Exception {
        MandelbrotWorkload mandelbrot = new MandelbrotWorkload(64, 48, 100, 4);
        MandelbrotWorkload.Image image = passesEverywhere(mandelbrot).getFirst();
        int[] wrong = image.counts().clone();
        wrong[wrong.length / 2] ^= 1;
        assertFalse(mandelbrot.verify(new MandelbrotWorkload.Image(64, 48, wrong)).passed());
    }

    @Test
    void raceFixesCountExactlyAndImpossibleCountsFail() throws Exception {
        CounterRaceWorkload race = new CounterRaceWorkload(20_000, false);
        List<CounterRaceWorkload.Result> results = passesEverywhere(race);
        CounterRaceWorkload.Result across = results.getLast();
        assertTrue(across.acrossProcesses(), "the race on worker JVMs should count in shared memory");
        for (CounterRaceWorkload.Count c : across.counts()) {
            if (c.variant() != CounterRaceWorkload.Variant.UNSYNCHRONIZED) {
                assertEquals(c.expected(), c.counted(), c.variant().label(true) + " lost updates between processes");
            }
        }
        CounterRaceWorkload.Result result = results.get(1);
        assertFalse(result.acrossProcesses());
        assertEquals(2, result.tasks());
        for (CounterRaceWorkload.Count c : result.counts()) {
            if (c.variant() != CounterRaceWorkload.Variant.UNSYNCHRONIZED) {
                assertEquals(c.expected(), c.counted(), c.variant().label(false));
            }
        }
        List<CounterRaceWorkload.Count> fixLost = new ArrayList<>(result.counts());
        CounterRaceWorkload.Count atomic = fixLost.get(2);
        fixLost.set(2, new CounterRaceWorkload.Count(atomic.variant(), atomic.expected(), atomic.expected() - 1, atomic.nanos()));
        assertFalse(race.verify(new CounterRaceWorkload.Result(2, false, fixLost)).passed());
        List<CounterRaceWorkload.Count> over = new ArrayList<>(result.counts());
        CounterRaceWorkload.Count unsync = over.getFirst();
        over.set(0, new CounterRaceWorkload.Count(unsync.variant(), unsync.expected(), unsync.expected() + 1, unsync.nanos()));
        assertFalse(race.verify(new CounterRaceWorkload.Result(2, false, over)).passed());
        List<CounterRaceWorkload.Count> loneLoss = new ArrayList<>(result.counts());
        loneLoss.set(0, new CounterRaceWorkload.Count(unsync.variant(), unsync.expected(), unsync.expected() - 1, unsync.nanos()));
        assertFalse(race.verify(new CounterRaceWorkload.Result(1, false, loneLoss)).passed(), "one task cannot lose updates");
    }

    @Test
    void underTheGilTheRaceLosesNothingUnlessTheGilMaySwitchInsideAnIncrement() throws Exception {
        for (boolean inside : List.of(false, true)) {
            CounterRaceWorkload race = new CounterRaceWorkload(200_000, inside);
            // a 100 us switch interval: many hand-overs during the count, so the finding cannot hang on luck
            try (Pool pool = Pool.using(new GilBackend(2, Duration.ofNanos(100_000)))) {
                CounterRaceWorkload.Result result = race.execute(pool);
                Verdict verdict = race.verify(result);
                assertTrue(verdict.passed(), verdict.summary());
                CounterRaceWorkload.Count unsync = result.counts().getFirst();
                if (inside) {
                    assertTrue(unsync.lost() > 0, "a switch between read and write loses the other thread's increments: " + verdict.summary());
                } else {
                    assertEquals(0, unsync.lost(), verdict.summary());
                    assertTrue(verdict.summary().contains("like CPython's since 3.10"), verdict.summary());
                }
            }
        }
    }

    @Test
    void sharedRandomEstimatesPiFromEverySourceAndStaysInThisJvm() throws Exception {
        SharedRandomWorkload random = new SharedRandomWorkload(200_000, 8);
        for (Pool pool : List.of(Pool.sequential(), Pool.threads(2), Pool.virtualThreads(2), Pool.forkJoin(2),
                Pool.using(new GilBackend(2, Gil.DEFAULT_SWITCH_INTERVAL)))) {
            try (pool) {
                SharedRandomWorkload.Result result = random.execute(pool);
                Verdict verdict = random.verify(result);
                assertTrue(verdict.passed(), pool.name() + ": " + verdict.summary());
                assertEquals(List.of(SharedRandomWorkload.Source.values()),
                        result.draws().stream().map(SharedRandomWorkload.Draw::source).toList());
            }
        }
        assertTrue(random.unsupported(Strategy.PROCESSES, 2).orElseThrow().startsWith("one Random cannot be shared between JVMs"));
        List<SharedRandomWorkload.Draw> off = List.of(new SharedRandomWorkload.Draw(SharedRandomWorkload.Source.SHARED, 200_000, 1),
                new SharedRandomWorkload.Draw(SharedRandomWorkload.Source.THREAD_LOCAL, 157_080, 1),
                new SharedRandomWorkload.Draw(SharedRandomWorkload.Source.PER_TASK, 157_080, 1));
        assertTrue(random.verify(new SharedRandomWorkload.Result(off)).summary().startsWith("shared Random: pi ~ 4.000000"));
    }

    @Test
    void staticRandomEstimatesPiFromTheOneGeneratorOrOnePerIsolatedWorker() throws Exception {
        StaticRandomWorkload random = new StaticRandomWorkload(200_000, 8, false);
        for (StaticRandomWorkload workload : List.of(random, new StaticRandomWorkload(200_000, 8, true))) {
            for (Pool pool : List.of(Pool.sequential(), Pool.threads(2), Pool.using(new GilBackend(2, Gil.DEFAULT_SWITCH_INTERVAL)),
                    Pool.isolated(2))) {
                try (pool) {
                    Verdict verdict = workload.verify(workload.execute(pool));
                    assertTrue(verdict.passed(), pool.name() + ": " + verdict.summary());
                }
            }
        }
        assertFalse(random.verify(new PiWorkload.Result(200_000, 200_000)).passed(), "pi = 4 must fail");
    }

    @Test
    void aSweepFindsTheSameBestEverywhereAndCatchesOneLossOff() throws Exception {
        SweepWorkload sweep = new SweepWorkload(1_000, 2, 2, 2);
        assertEquals(8, sweep.configs().size());
        SweepWorkload.Result result = null;
        for (Pool pool : List.of(Pool.sequential(), Pool.threads(2), Pool.isolated(2), ProcessPool.create(2))) {
            try (pool) {
                result = sweep.execute(pool);
                Verdict verdict = sweep.verify(result);
                assertTrue(verdict.passed(), pool.name() + ": " + verdict.summary());
                assertTrue(verdict.summary().startsWith("best of 8: "), verdict.summary());
            }
        }
        List<Double> off = new ArrayList<>(result.losses());
        off.set(5, Math.nextUp(off.get(5)));
        Verdict wrong = sweep.verify(new SweepWorkload.Result(off));
        assertFalse(wrong.passed());
        assertTrue(wrong.summary().startsWith("configuration " + sweep.configs().get(5) + ": loss "), wrong.summary());
        assertEquals("sweep needs samples >= 100 and at least one rate, penalty and epoch count, was samples=10, rates=1, penalties=1,"
                + " epochs=1", assertThrows(IllegalArgumentException.class, () -> new SweepWorkload(10, 1, 1, 1)).getMessage());
    }

    @Test
    void legacyFormatIsRightWhereTheFormatterIsNeverSharedAndCountsWrongLines() throws Exception {
        for (int i = 0; i < 100_000; i++) {
            long cents = LegacyFormatWorkload.amount(i);
            assertEquals(LegacyFormatWorkload.Ledger.format(cents), LegacyFormatWorkload.byHand(cents), "amount " + i);
        }
        assertEquals("1,234.5", LegacyFormatWorkload.byHand(123_450));
        assertEquals("0.07", LegacyFormatWorkload.byHand(7));
        assertEquals("1,000", LegacyFormatWorkload.byHand(100_000));
        LegacyFormatWorkload legacy = new LegacyFormatWorkload(50_000, 8);
        for (Pool pool : List.of(Pool.sequential(), Pool.using(new GilBackend(2, Gil.DEFAULT_SWITCH_INTERVAL)), Pool.isolated(2))) {
            try (pool) {
                Verdict verdict = legacy.verify(legacy.execute(pool));
                assertTrue(verdict.passed(), pool.name() + ": " + verdict.summary());
                assertEquals(0L, verdict.findings().get("wrong"));
            }
        }
        List<LegacyFormatWorkload.Part> garbled = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            garbled.add(t == 3 ? new LegacyFormatWorkload.Part(6_250, 2, "42.09 for 42.31") : new LegacyFormatWorkload.Part(6_250, 0, ""));
        }
        Verdict wrong = legacy.verify(new LegacyFormatWorkload.Result(garbled));
        assertFalse(wrong.passed());
        assertTrue(wrong.summary().startsWith("2 of 50,000 amounts wrong (such as 42.09 for 42.31): the static DecimalFormat is not"
                + " thread-safe"), wrong.summary());
        assertFalse(legacy.verify(new LegacyFormatWorkload.Result(garbled.subList(0, 7))).passed(), "a lost part must fail");
        assertEquals("legacy-format needs tasks >= 1 and amounts >= tasks, was amounts=3, tasks=4",
                assertThrows(IllegalArgumentException.class, () -> new LegacyFormatWorkload(3, 4)).getMessage());
    }

    @Test
    void scheduleCountsExactlyEveryWayAndMeasuresEachWorkersBusyTime() throws Exception {
        ScheduleWorkload schedule = new ScheduleWorkload(60_000, 24);
        try (Pool pool = Pool.forkJoin(2)) {
            ScheduleWorkload.Result result = schedule.execute(pool);
            Verdict verdict = schedule.verify(result);
            assertTrue(verdict.passed(), verdict.summary());
            assertEquals(List.of(ScheduleWorkload.Schedule.values()), result.runs().stream().map(ScheduleWorkload.Run::schedule).toList());
            ScheduleWorkload.Run dynamic = result.runs().get(1);
            assertTrue(dynamic.busy().size() >= 1 && dynamic.busy().size() <= 2, "busy time by worker, from the task events: " + dynamic.busy());
            assertTrue(dynamic.imbalance() >= 1.0);
        }
        for (Pool pool : List.of(Pool.threads(2), ProcessPool.create(2))) {
            try (pool) {
                ScheduleWorkload.Result result = schedule.execute(pool);
                assertTrue(schedule.verify(result).passed(), pool.name() + ": " + schedule.verify(result).summary());
                assertEquals(2, result.runs().size(), "no stealing where a join would starve the pool");
                assertTrue(result.runs().getFirst().busy().values().stream().allMatch(n -> n > 0), pool.name());
            }
        }
        try (Pool pool = Pool.threads(2)) { // a thread pool starts a thread for each of its first two tasks
            assertEquals(2, schedule.execute(pool).runs().getFirst().busy().size(), "the static split's two workers");
        }
        ScheduleWorkload.Run wrong = new ScheduleWorkload.Run(ScheduleWorkload.Schedule.STATIC, 6_056, 1, Map.of("w", 1L));
        ScheduleWorkload.Run right = new ScheduleWorkload.Run(ScheduleWorkload.Schedule.DYNAMIC, 6_057, 1, Map.of("w", 1L));
        assertEquals("static counted 6,056 primes below 60,000, the sieve says 6,057",
                schedule.verify(new ScheduleWorkload.Result(List.of(wrong, right))).summary());
        assertEquals(2.0, new ScheduleWorkload.Run(ScheduleWorkload.Schedule.STATIC, 0, 1, Map.of("a", 3L, "b", 0L)).imbalance(), 1e-9);
    }

    @Test
    void elementwiseAndNormAreRightWithTheArraySharedOrCopied() throws Exception {
        for (boolean copy : List.of(false, true)) {
            MemoryBoundWorkload norm = new MemoryBoundWorkload(MemoryBoundWorkload.Computation.NORM, 50_001, 7, copy);
            for (MemoryBoundWorkload.Result result : passesEverywhere(norm)) {
                assertEquals(norm.referenceNorm(), result.norm(), norm.referenceNorm() * 1e-12);
                assertEquals(copy ? 50_001L * Double.BYTES : 0, result.copied());
            }
            MemoryBoundWorkload elementwise = new MemoryBoundWorkload(MemoryBoundWorkload.Computation.ELEMENTWISE, 20_003, 5, copy);
            passesEverywhere(elementwise);
        }
        MemoryBoundWorkload norm = new MemoryBoundWorkload(MemoryBoundWorkload.Computation.NORM, 1_000, 2, false);
        Verdict off = norm.verify(new MemoryBoundWorkload.Result(norm.referenceNorm() * (1 + 1e-9), 1, 0));
        assertFalse(off.passed(), off.summary());

        MemoryBoundWorkload elementwise = new MemoryBoundWorkload(MemoryBoundWorkload.Computation.ELEMENTWISE, 1_000, 2, false);
        try (Pool pool = Pool.threads(2)) {
            MemoryBoundWorkload.Result result = elementwise.execute(pool);
            elementwise.output().set(7, 1.0 + 1e-9);
            assertEquals("1 of 1,000 results not 1, first at index 7", elementwise.verify(result).summary());
            assertFalse(elementwise.verify(elementwise.execute(pool)).summary().startsWith("1 of"), "every run writes every element again");
        }
    }

    @Test
    void memoryBoundSizesAreCheckedBeforeAnythingRuns() {
        assertEquals("norm needs size >= 1 and 1 <= tasks <= size, was size=0, tasks=1", assertThrows(IllegalArgumentException.class,
                () -> new MemoryBoundWorkload(MemoryBoundWorkload.Computation.NORM, 0, 1, false)).getMessage());
        String tooBig = assertThrows(IllegalArgumentException.class,
                () -> new MemoryBoundWorkload(MemoryBoundWorkload.Computation.ELEMENTWISE, 1L << 34, 32, true)).getMessage();
        assertTrue(tooBig.startsWith("elementwise.size=17,179,869,184 with copy=on needs 524,288 MiB of heap for the copies"), tooBig);
    }

    @Test
    void cachedComputesOnTheFirstRunOfEachPoolAndReadsBackAfter() throws Exception {
        CachedWorkload cached = new CachedWorkload(20_000, 8);
        for (Pool pool : List.of(Pool.threads(2), ProcessPool.create(2))) {
            try (pool) {
                CachedWorkload.Result first = cached.execute(pool);
                assertEquals(List.of(0, 8), List.of(first.hits(), first.misses()), pool.name());
                CachedWorkload.Result second = cached.execute(pool);
                assertEquals(List.of(8, 0), List.of(second.hits(), second.misses()), pool.name());
                Verdict verdict = cached.verify(second);
                assertTrue(verdict.passed(), verdict.summary());
                assertTrue(verdict.summary().contains("this run 8 hits, 0 misses"), verdict.summary());
                assertTrue(verdict.summary().contains("first run on this pool 0 hits, 8 misses"), verdict.summary());
            }
        }
        assertFalse(cached.verify(new CachedWorkload.Result(1, 8, 0, 1)).passed());
    }

    @Test
    void rangesCoverTheirIntervalExactly() {
        assertCovers(Range.split(3, 1_003, 7), 3, 1_003);
        List<Range> uneven = Range.uneven(0, 1_000_000, 96, 1);
        assertCovers(uneven, 0, 1_000_000);
        assertTrue(new HashSet<>(uneven.stream().map(Range::size).toList()).size() > 10, "uneven ranges have many sizes");
        assertEquals(uneven, Range.uneven(0, 1_000_000, 96, 1), "the same cut every time");
        assertThrows(IllegalArgumentException.class, () -> Range.split(0, 10, 0));
    }

    private static void assertCovers(List<Range> ranges, long lo, long hi) {
        long next = lo;
        for (Range r : ranges) {
            assertEquals(next, r.lo(), "gap or overlap at " + r);
            next = r.hi();
        }
        assertEquals(hi, next);
    }

    @Test
    void fetchSkipsWhatWouldTakeMinutes() {
        FetchWorkload fetch = new FetchWorkload(10_000, Duration.ofMillis(100), 0, Duration.ofSeconds(30));
        assertEquals("10,000 requests, 1 at a time, would take at least 1000 s (10,000 delays in a row); give it more workers",
                fetch.unsupported(Strategy.SEQUENTIAL, 1).orElseThrow());
        assertTrue(fetch.unsupported(Strategy.THREADS, 200).isEmpty(), "50 delays in a row: 5 s");
        assertTrue(fetch.unsupported(Strategy.TASKGROUP, 0).isEmpty());
    }

    @Test
    void fetchVerifiesEveryResponseOnEveryPool() throws Exception {
        FetchWorkload fetch = new FetchWorkload(12, Duration.ofMillis(2), 300, Duration.ofSeconds(30));
        FetchWorkload.Result result = passesEverywhere(fetch).getFirst();
        assertEquals(12, result.fetched().size());
        try (Pool pool = Strategy.TASKGROUP.open(0, Gil.DEFAULT_SWITCH_INTERVAL)) {
            assertTrue(fetch.verify(fetch.execute(pool)).passed());
        }
        List<Http.Fetched> damaged = new ArrayList<>(result.fetched());
        damaged.set(4, new Http.Fetched(200, 300, false));
        Verdict verdict = fetch.verify(new FetchWorkload.Result(damaged, 0));
        assertFalse(verdict.passed());
        assertTrue(verdict.summary().startsWith("1 of 12 responses wrong"), verdict.summary());
        assertFalse(fetch.verify(new FetchWorkload.Result(damaged.subList(0, 11), 0)).passed());
        LoopbackServer.stopShared();
    }

    @Test
    void sleepFanoutRunsOnlyOnTheTaskGroupRow() throws Exception {
        SleepFanoutWorkload fanout = new SleepFanoutWorkload(500, Duration.ofMillis(20));
        try (Pool pool = Strategy.TASKGROUP.open(0, Gil.DEFAULT_SWITCH_INTERVAL)) {
            SleepFanoutWorkload.Result result = fanout.execute(pool);
            Verdict verdict = fanout.verify(result);
            assertTrue(verdict.passed(), verdict.summary());
            assertEquals(500L, verdict.findings().get("waits"));
        }
        assertTrue(fanout.unsupported(Strategy.TASKGROUP, 0).isEmpty());
        for (Strategy other : List.of(Strategy.SEQUENTIAL, Strategy.THREADS, Strategy.VIRTUAL, Strategy.PROCESSES)) {
            assertEquals("measures a TaskGroup's fan-out, a thread per wait: see the taskgroup row",
                    fanout.unsupported(other, 4).orElseThrow());
        }
        assertFalse(fanout.verify(new SleepFanoutWorkload.Result(499, 20_000_000, 30_000_000, 1)).passed());
        assertFalse(fanout.verify(new SleepFanoutWorkload.Result(500, 19_000_000, 30_000_000, 1)).passed(), "a wait that ended early");
    }

    @Test
    void pipelineCountsEveryItemAndKeepsItsBoundOnEveryPool() throws Exception {
        PipelineWorkload pipeline = new PipelineWorkload(20, Duration.ofMillis(2), 100, 3, 2_000);
        for (PipelineWorkload.Result result : passesEverywhere(pipeline)) {
            assertTrue(result.peakInFlight() <= 3, "peak " + result.peakInFlight());
        }
        assertEquals(4_203L, pipeline.verify(new PipelineWorkload.Result(4_203, 20, 3)).findings().get("primes"));
        assertFalse(pipeline.verify(new PipelineWorkload.Result(4_202, 20, 3)).passed());
        assertFalse(pipeline.verify(new PipelineWorkload.Result(4_203, 19, 3)).passed());
        assertFalse(pipeline.verify(new PipelineWorkload.Result(4_203, 20, 4)).passed());
        LoopbackServer.stopShared();
    }

    @Test
    void parametersAreReadFromTheCommandLineAndBadValuesNamed() {
        List<Workload<?>> sized = Workloads.withParameters(java.util.Map.of("fetch.requests", "10k", "fetch.delay", "100ms"));
        FetchWorkload fetch = (FetchWorkload) sized.stream().filter(w -> w.name().equals("fetch")).findFirst().orElseThrow();
        assertEquals(10_000, fetch.requests());
        assertEquals(Duration.ofMillis(100), fetch.delay());
        assertEquals(java.util.Map.of("requests", 10_000L, "delay", 0.1, "bytes", 1_000L, "timeout", 30.0),
                fetch.parameters().numbers());
        PiWorkload pi = (PiWorkload) Workloads.withParameters(java.util.Map.of("pi.points", "1M")).getFirst();
        assertEquals(1_000_000, pi.trials());

        assertEquals("fetch.requests must be between 1 and 10000000, was -5", message("fetch.requests", "-5"));
        assertEquals("fetch.delay must be a duration such as 100ms, 500us or 1s, was 'soon'", message("fetch.delay", "soon"));
        assertEquals("fetch has no parameter 'speed'; its parameters: requests, delay, bytes, timeout", message("fetch.speed", "1"));
        assertTrue(message("nothing.size", "1").startsWith("unknown workload 'nothing' in --param nothing.size; valid: pi, "));
        assertEquals("--param needs WORKLOAD.NAME=VALUE, such as fetch.requests=10000, was 'fetch=1'", message("fetch", "1"));
        assertEquals("pi.tasks must be a whole number such as 10000, 10k or 1M, was '2.5'", message("pi.tasks", "2.5"));
        assertEquals("fetch.timeout must be longer than fetch.delay, was timeout=1s, delay=2s",
                assertThrows(IllegalArgumentException.class, () -> Workloads.withParameters(
                        new java.util.LinkedHashMap<>(java.util.Map.of("fetch.delay", "2s", "fetch.timeout", "1s")))).getMessage());
    }

    private static String message(String key, String value) {
        return assertThrows(IllegalArgumentException.class, () -> Workloads.withParameters(java.util.Map.of(key, value))).getMessage();
    }
}
