package dev.spindle.examples;

import dev.spindle.Pool;
import dev.spindle.sync.BoundedSemaphore;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Teaches limiting how many threads use a resource at once: a {@link BoundedSemaphore} with two
 * permits lets at most two of eight downloads talk to the server together, however many threads
 * run them. The permit is a try-with-resources handle, so it is given back even if the work
 * throws. And a release without an acquire, the semaphore bug that silently lets more threads
 * in later, is refused at once; the JDK's {@link Semaphore} accepts it and grows.
 *
 * <p>Seeds: {@code threading.Semaphore(3)} guarding a block (the parallel-programming chapter)
 * and {@code BoundedSemaphore}, "often used to keep connections below some value".
 */
public final class ResourceLimit {

    static final Example EXAMPLE = new Example("resource-limit",
            "a BoundedSemaphore caps concurrent use of a resource, and refuses a release without an acquire",
            () -> run(System.out));

    private static final int PERMITS = 2;
    private static final int DOWNLOADS = 8;
    private static final Duration DOWNLOAD_TIME = Duration.ofMillis(10); // a simulated network call

    /**
     * @param permits            the semaphore's bound
     * @param mostAtOnce         the most downloads that were ever in progress together
     * @param overReleaseRefused whether the extra release threw
     * @param jdkPermitsAfter    the JDK semaphore's permits after the same extra release
     */
    public record Limits(int permits, int mostAtOnce, boolean overReleaseRefused, int jdkPermitsAfter) {}

    private ResourceLimit() {}

    public static Limits run(PrintStream out) throws InterruptedException {
        BoundedSemaphore connections = new BoundedSemaphore(PERMITS);
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (Pool pool = Pool.virtualThreads()) { // a thread per download: only the semaphore limits them
            List<CompletableFuture<Void>> downloads = new ArrayList<>();
            for (int i = 0; i < DOWNLOADS; i++) {
                downloads.add(pool.run(() -> {
                    try (var _ = connections.acquirePermit()) {
                        mostAtOnce.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                        Thread.sleep(DOWNLOAD_TIME);
                        inProgress.decrementAndGet();
                    }
                }));
            }
            CompletableFuture.allOf(downloads.toArray(CompletableFuture[]::new)).join(); // a failed download throws here
        }
        out.println(DOWNLOADS + " downloads on " + DOWNLOADS + " threads, " + PERMITS + " permits: at most "
                + mostAtOnce.get() + " in progress at once");

        boolean refused;
        try {
            connections.release(); // a bug: nothing was acquired
            refused = false;
        } catch (IllegalStateException e) {
            refused = true;
            out.println("an extra release() is refused: " + e.getMessage());
        }
        Semaphore jdk = new Semaphore(PERMITS);
        jdk.release();
        out.println("java.util.concurrent.Semaphore accepts it silently: now " + jdk.availablePermits()
                + " permits, one more than the resource allows");
        return new Limits(PERMITS, mostAtOnce.get(), refused, jdk.availablePermits());
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }
}
