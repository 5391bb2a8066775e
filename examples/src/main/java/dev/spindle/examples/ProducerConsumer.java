package dev.spindle.examples;

import dev.spindle.Pool;
import dev.spindle.sync.WorkQueue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Teaches producer/consumer with a {@link WorkQueue}: the producer puts work on a bounded queue
 * (and waits when it is full), consumers take items and call {@code taskDone()} once each is
 * handled, and the producer's {@code join()} returns when every item has been handled, not
 * merely taken. Then {@code shutdown()} tells the consumers to stop: their next {@code take()}
 * on the empty queue throws {@link WorkQueue.ShutDownException} instead of waiting, so no
 * poison pill is needed (Python 3.13's {@code Queue.shutdown()}).
 *
 * <p>Seed: {@code queue.Queue}, "a collection you can add work items to or read them out from in
 * threads" (the parallel computing chapter), with Python's {@code task_done()} and {@code join()}.
 */
public final class ProducerConsumer {

    static final Example EXAMPLE = new Example("producer-consumer",
            "a bounded WorkQueue between a producer and consumers; join() waits until every item is handled",
            () -> run(System.out));

    private static final int CONSUMERS = 2;
    private static final int ITEMS = 20;

    /**
     * @param handledAtJoin how many items had been handled when {@code join()} returned
     * @param sumOfSquares  the consumers' combined result
     * @param perConsumer   how many items each consumer handled
     */
    public record Handled(int handledAtJoin, long sumOfSquares, List<Integer> perConsumer) {}

    private ProducerConsumer() {}

    public static Handled run(PrintStream out) throws InterruptedException {
        WorkQueue<Integer> queue = new WorkQueue<>(4);
        AtomicInteger handled = new AtomicInteger();
        LongAdder sumOfSquares = new LongAdder();
        int handledAtJoin;
        List<CompletableFuture<Integer>> consumers = new ArrayList<>();
        try (Pool pool = Pool.threads(CONSUMERS)) {
            for (int c = 0; c < CONSUMERS; c++) {
                consumers.add(pool.submit(() -> {
                    int mine = 0;
                    while (true) {
                        int item;
                        try {
                            item = queue.take();
                        } catch (WorkQueue.ShutDownException drainedAndShutDown) {
                            return mine;
                        }
                        try {
                            sumOfSquares.add((long) item * item);
                            handled.incrementAndGet();
                            mine++;
                        } finally {
                            queue.taskDone(); // even if handling threw
                        }
                    }
                }));
            }
            for (int item = 1; item <= ITEMS; item++) {
                queue.put(item); // waits while four items are already queued
            }
            queue.join();
            handledAtJoin = handled.get();
            out.println("producer put " + ITEMS + " items; join() returned with " + handledAtJoin + " handled");
            queue.shutdown();
        }
        List<Integer> perConsumer = consumers.stream().map(CompletableFuture::join).toList();
        out.println("consumers handled " + perConsumer + " items; sum of squares " + sumOfSquares.sum());
        return new Handled(handledAtJoin, sumOfSquares.sum(), perConsumer);
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }
}
