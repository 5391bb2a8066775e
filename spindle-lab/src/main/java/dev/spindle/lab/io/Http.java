package dev.spindle.lab.io;

import dev.spindle.lab.gil.Gil;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The lab's HTTP client: {@link #get} fetches one URL with the JDK's {@link HttpClient}, counts
 * and checks the body, and returns a small serialisable {@link Fetched} that a task can send back
 * from any worker.
 *
 * <h2>One client per JVM</h2>
 * A client keeps its connections alive between requests, so it is shared by every task of the JVM
 * (each worker JVM has its own). It speaks HTTP/1.1 — one connection per request in flight — and
 * runs its internal work on virtual threads.
 *
 * <h2>What a request costs in file descriptors</h2>
 * A request in flight holds a socket, and when the server is in the same JVM (as in the lab),
 * another one on the server's side; the process's descriptor limit (often 1,024 or 20,000) bounds
 * both together. {@link #get} therefore waits for one of {@link #connectionLimit()} permits,
 * computed once from the limit, instead of failing with "too many open files" at ten thousand
 * requests. The limit is reported so that a figure measured under it says so.
 *
 * <h2>Blocking and the GIL</h2>
 * The request runs inside {@link Gil#blocking}, so under the lab's {@code gil} strategy the lock is
 * released while the thread waits for the network, as CPython releases it around a socket call.
 *
 * <h2>Cancellation</h2>
 * Interrupting a thread blocked in {@link #get} cancels its request: the JDK's client aborts the
 * exchange and closes its connection, and the server sees the hang-up.
 */
public final class Http {

    private static final long DESCRIPTORS_KEPT = 256;

    private Http() {}

    /**
     * What one request brought back.
     *
     * @param status   the HTTP status code
     * @param bytes    how many body bytes arrived
     * @param intact   whether the body was the server's pattern ({@code 0, 1, ..., 255, 0, ...})
     */
    public record Fetched(int status, long bytes, boolean intact) implements Serializable {}

    private static final class Holder {
        static final HttpClient CLIENT = newClient();
        static final int LIMIT = computeLimit();
        static final Semaphore CONNECTIONS = new Semaphore(LIMIT);
    }

    /**
     * A client configured as the lab's: HTTP/1.1, a 10-second connect time-out, virtual threads.
     * The caller closes it, which closes its idle connections.
     */
    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** {@link #get(HttpClient, URI, Duration)} with this JVM's shared client. */
    public static Fetched get(URI uri, Duration timeout) throws IOException, InterruptedException {
        return get(Holder.CLIENT, uri, timeout);
    }

    /**
     * Fetches {@code uri} with a GET on {@code client}, waiting at most {@code timeout} for the
     * whole response.
     *
     * @throws IOException if the request fails: the port is closed, the server hung up
     *         mid-response, or the time-out passed ({@link java.net.http.HttpTimeoutException})
     * @throws InterruptedException if interrupted; the request is then cancelled
     */
    public static Fetched get(HttpClient client, URI uri, Duration timeout) throws IOException, InterruptedException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(uri, "uri");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            return Gil.blocking(() -> send(client, request));
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected from HttpClient.send", e); // send throws nothing else
        }
    }

    private static Fetched send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        Holder.CONNECTIONS.acquire();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            return new Fetched(response.statusCode(), body.length, intact(body));
        } finally {
            Holder.CONNECTIONS.release();
        }
    }

    /**
     * How many requests this JVM's client lets be in flight at once: half the file descriptors
     * left free when it started, less a reserve of {@value #DESCRIPTORS_KEPT}.
     */
    public static int connectionLimit() {
        return Holder.LIMIT;
    }

    private static int computeLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long free = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - DESCRIPTORS_KEPT;
            return Math.clamp(free / 2, 16, Integer.MAX_VALUE);
        }
        return 1_000;
    }

    private static boolean intact(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] != (byte) i) {
                return false;
            }
        }
        return true;
    }
}
