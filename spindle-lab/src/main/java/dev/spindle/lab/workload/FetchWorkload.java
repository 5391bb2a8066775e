package dev.spindle.lab.workload;

import dev.spindle.MapOptions;
import dev.spindle.Pool;
import dev.spindle.lab.io.Http;
import dev.spindle.lab.io.LoopbackServer;
import dev.spindle.lab.strategy.Strategy;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Fetching URLs (the seeds' {@code fetch(url)} over a thread pool): {@code requests} GETs to the
 * lab's {@link LoopbackServer}, each answered after {@code delay} with {@code bytes} bytes, one task
 * per request. The work is waiting, not computing, so a strategy's time shows how many waits it
 * overlaps: one at a time sequentially, one per worker on a pool (even under the GIL, which a
 * thread releases while it waits), all of them with a thread per request.
 *
 * <p>Every response is checked: status 200, the announced number of bytes, and the server's byte
 * pattern.
 *
 * @param requests how many requests
 * @param delay    how long the server waits before answering each
 * @param bytes    the size of each response body
 * @param timeout  the longest a request may take, its wait included
 */
public record FetchWorkload(int requests, Duration delay, int bytes, Duration timeout) implements Workload<FetchWorkload.Result> {

    /**
     * @param fetched  what each request brought back, in request order
     * @param peakHeapMiB the most heap the run used
     */
    public record Result(List<Http.Fetched> fetched, double peakHeapMiB) {}

    public FetchWorkload {
        if (requests < 1) {
            throw new IllegalArgumentException("fetch needs at least 1 request, was " + requests);
        }
        if (timeout.compareTo(delay) <= 0) {
            throw new IllegalArgumentException("fetch.timeout must be longer than fetch.delay, was timeout="
                    + Parameter.readable(timeout.toNanos()) + ", delay=" + Parameter.readable(delay.toNanos()));
        }
    }

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(name(),
                Parameter.count("requests", requests, 1, 10_000_000, "how many requests"),
                Parameter.duration("delay", delay, Duration.ZERO, Duration.ofMinutes(10), "how long the server waits before answering"),
                Parameter.count("bytes", bytes, 0, 1 << 24, "the size of each response body"),
                Parameter.duration("timeout", timeout, Duration.ofMillis(1), Duration.ofHours(1), "the longest one request may take"));
    }

    @Override
    public FetchWorkload with(Parameters p) {
        return new FetchWorkload(p.intCount("requests"), p.duration("delay"), p.intCount("bytes"), p.duration("timeout"));
    }

    @Override
    public Bound bound() {
        return Bound.IO;
    }

    @Override
    public String summary() {
        return String.format("I/O-bound: %,d HTTP requests to a loopback server that answers each after %s with %,d bytes",
                requests, Parameter.readable(delay.toNanos()), bytes);
    }

    @Override
    public Kind kind() {
        return Kind.SPEEDUP;
    }

    @Override
    public boolean needsPriming() {
        return false;
    }

    /** The longest a configuration may take at the least before it is skipped rather than run. */
    static final Duration LONGEST = Duration.ofMinutes(2);

    /**
     * Skips a configuration that must take longer than {@link #LONGEST}: one that runs fewer
     * requests at once than there are would wait {@code requests / workers} delays in a row (ten
     * thousand requests of 100 ms one after another: 17 minutes).
     */
    @Override
    public Optional<String> unsupported(Strategy strategy, int workers) {
        if (strategy == Strategy.TASKGROUP) {
            return Optional.empty();
        }
        int atOnce = strategy.usesWorkers() ? workers : 1;
        long inARow = (requests + atOnce - 1) / atOnce;
        Duration least = delay.multipliedBy(inARow);
        return least.compareTo(LONGEST) <= 0 ? Optional.empty() : Optional.of(String.format(
                "%,d requests, %,d at a time, would take at least %d s (%,d delays in a row); give it more workers",
                requests, atOnce, least.toSeconds(), inARow));
    }

    @Override
    public Result execute(Pool pool) {
        URI target = LoopbackServer.shared().delay(delay, bytes);
        Duration limit = timeout;
        HeapPeak.reset();
        List<Http.Fetched> fetched = pool.map(i -> Http.get(target, limit), IntStream.range(0, requests).boxed(),
                MapOptions.defaults().withInFlight(requests).withChunkSize(1)).toList();
        return new Result(fetched, HeapPeak.mebibytes());
    }

    @Override
    public Verdict verify(Result result) {
        long ok = result.fetched().stream().filter(f -> f.status() == 200 && f.bytes() == bytes && f.intact()).count();
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("requests", result.fetched().size());
        findings.put("verified", ok);
        findings.put("bytes", result.fetched().stream().mapToLong(Http.Fetched::bytes).sum());
        findings.put("connectionLimit", Http.connectionLimit());
        findings.put("peakHeapMiB", Math.round(result.peakHeapMiB()));
        if (result.fetched().size() != requests) {
            return Verdict.fail(String.format("%,d responses for %,d requests", result.fetched().size(), requests), findings);
        }
        if (ok != requests) {
            Http.Fetched bad = result.fetched().stream().filter(f -> !(f.status() == 200 && f.bytes() == bytes && f.intact()))
                    .findFirst().orElseThrow();
            return Verdict.fail(String.format("%,d of %,d responses wrong, first: status %d, %,d bytes (expected %,d)%s",
                    requests - ok, requests, bad.status(), bad.bytes(), bytes, bad.intact() ? "" : ", damaged"), findings);
        }
        return Verdict.pass(String.format("%,d responses: status 200, %,d bytes each, intact", requests, bytes), findings);
    }
}
