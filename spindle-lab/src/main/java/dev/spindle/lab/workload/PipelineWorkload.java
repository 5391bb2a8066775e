package dev.spindle.lab.workload;

import dev.spindle.Pool;
import dev.spindle.lab.io.Http;
import dev.spindle.lab.io.LoopbackServer;
import dev.spindle.structured.TaskGroup;
import dev.spindle.sync.BoundedSemaphore;
import dev.spindle.sync.WorkQueue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A mixed pipeline (the seeds' "download, then process" programs): download an item, then a
 * CPU-bound step on it, then add the results up — three stages joined by bounded queues, with at
 * most {@code inFlight} requests in flight at once.
 *
 * <pre>
 *   download stage            compute stage               aggregate (the caller)
 *   for each item:            take a download,            take a count, add it up
 *     take a permit  ───────▶ wait for it, submit  ─────▶
 *     submit fetch            the count of primes
 *   (queue of `inFlight`      (queue of `inFlight`
 *    pending downloads)        pending counts)
 * </pre>
 * The stages are forks of one {@link TaskGroup}; each submits its work to the pool under test, so
 * the requests and the CPU steps run where the strategy puts them. A {@link BoundedSemaphore} limits
 * the requests in flight: a permit is taken before a request is submitted and given back when its
 * response (or failure) arrives. The queues are {@link WorkQueue}s of capacity {@code inFlight}, so
 * a fast stage waits for a slow one instead of piling work up. If any stage fails, the group
 * cancels the others and every submitted task is cancelled.
 *
 * <p>The CPU step of item {@code i} counts the primes in {@code [i·work, (i+1)·work)} by trial
 * division; the total is checked against a sieve, and every download against the server's status,
 * size and byte pattern.
 *
 * @param items    how many items
 * @param delay    how long the server waits before answering each download
 * @param bytes    the size of each download
 * @param inFlight the most requests in flight at once
 * @param work     numbers tested for primality per item
 */
public record PipelineWorkload(int items, Duration delay, int bytes, int inFlight, int work)
        implements Workload<PipelineWorkload.Result> {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /**
     * @param primes      the total of the counts
     * @param downloads   downloads that were intact, of the expected size, with status 200
     * @param peakInFlight the most requests that were in flight at once
     */
    public record Result(long primes, int downloads, int peakInFlight) {}

    /** What the download stage hands to the compute stage. */
    private record Download(int item, Http.Fetched fetched) implements java.io.Serializable {}

    public PipelineWorkload {
        if (items < 1 || inFlight < 1 || work < 1) {
            throw new IllegalArgumentException("pipeline needs items, in-flight and work of at least 1, was items="
                    + items + ", in-flight=" + inFlight + ", work=" + work);
        }
        if ((long) items * work > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("pipeline.items x pipeline.work must stay below 2^31, was " + (long) items * work);
        }
    }

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("items", items, 1, 1_000_000, "how many items"),
                Parameter.duration("delay", delay, Duration.ZERO, Duration.ofMinutes(1), "how long the server waits before each download"),
                Parameter.count("bytes", bytes, 0, 1 << 24, "the size of each download"),
                Parameter.count("in-flight", inFlight, 1, 100_000, "the most requests in flight at once"),
                Parameter.count("work", work, 1, 10_000_000, "numbers tested for primality per item"));
    }

    @Override
    public PipelineWorkload with(Parameters p) {
        return new PipelineWorkload(p.intCount("items"), p.duration("delay"), p.intCount("bytes"), p.intCount("in-flight"),
                p.intCount("work"));
    }

    @Override
    public Bound bound() {
        return Bound.IO;
    }

    @Override
    public String summary() {
        return String.format("download (%s each, at most %d in flight) -> count primes in %,d numbers -> add up, for %,d items",
                Parameter.readable(delay.toNanos()), inFlight, work, items);
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    @Override
    public boolean needsPriming() {
        return false;
    }

    @Override
    public Result execute(Pool pool) throws Exception {
        URI target = LoopbackServer.shared().delay(delay, bytes);
        int numbers = work;
        BoundedSemaphore permits = new BoundedSemaphore(inFlight);
        WorkQueue<CompletableFuture<Download>> downloads = new WorkQueue<>(inFlight);
        WorkQueue<CompletableFuture<Long>> counts = new WorkQueue<>(inFlight);
        ConcurrentLinkedQueue<CompletableFuture<?>> submitted = new ConcurrentLinkedQueue<>();
        int[] peak = new int[1]; // written by the download stage alone, read after the join
        long[] total = new long[2]; // [0] primes, written by the aggregate stage; [1] intact downloads, by the compute stage
        try (TaskGroup<Void> stages = TaskGroup.open()) {
            stages.fork(() -> {
                try {
                    for (int i = 0; i < items; i++) {
                        permits.acquire();
                        peak[0] = Math.max(peak[0], inFlight - permits.availablePermits());
                        int item = i;
                        CompletableFuture<Download> download = pool.submit(() -> new Download(item, Http.get(target, TIMEOUT)));
                        submitted.add(download);
                        download.whenComplete((d, e) -> permits.release());
                        downloads.put(download);
                    }
                } finally {
                    downloads.shutdown();
                }
                return null;
            });
            stages.fork(() -> {
                try {
                    while (true) {
                        Download d;
                        try {
                            d = downloads.take().get();
                        } catch (WorkQueue.ShutDownException e) {
                            return null;
                        }
                        if (d.fetched().status() == 200 && d.fetched().bytes() == bytes && d.fetched().intact()) {
                            total[1]++;
                        }
                        Range range = new Range((long) d.item() * numbers, (long) (d.item() + 1) * numbers);
                        CompletableFuture<Long> count = pool.submit(() -> PrimesWorkload.countPrimes(range));
                        submitted.add(count);
                        counts.put(count);
                        downloads.taskDone();
                    }
                } finally {
                    counts.shutdown();
                }
            });
            stages.fork(() -> {
                for (int i = 0; i < items; i++) {
                    total[0] += counts.take().get();
                }
                return null;
            });
            stages.join();
        } catch (Exception e) {
            submitted.forEach(f -> f.cancel(true));
            throw e;
        }
        return new Result(total[0], (int) total[1], peak[0]);
    }

    @Override
    public Verdict verify(Result result) {
        long expected = Sieve.primesBelow(items * work)[items * work];
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("items", items);
        findings.put("primes", result.primes());
        findings.put("downloadsVerified", result.downloads());
        findings.put("peakInFlight", result.peakInFlight());
        List<String> wrong = new ArrayList<>();
        if (result.downloads() != items) {
            wrong.add(String.format("%,d of %,d downloads intact", result.downloads(), items));
        }
        if (result.primes() != expected) {
            wrong.add(String.format("%,d primes, the sieve says %,d", result.primes(), expected));
        }
        if (result.peakInFlight() > inFlight) {
            wrong.add(String.format("%d requests in flight, more than the limit %d", result.peakInFlight(), inFlight));
        }
        return wrong.isEmpty()
                ? Verdict.pass(String.format("%,d items downloaded and counted: %,d primes (sieve agrees), at most %d in flight",
                        items, result.primes(), result.peakInFlight()), findings)
                : Verdict.fail(String.join("; ", wrong), findings);
    }
}
