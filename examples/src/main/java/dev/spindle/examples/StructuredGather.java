package dev.spindle.examples;

import dev.spindle.structured.GroupFailedException;
import dev.spindle.structured.Structured;
import dev.spindle.structured.Subtask;
import dev.spindle.structured.TaskGroup;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

/**
 * Teaches structured concurrency: subtasks that cannot outlive the block that started them.
 * {@link Structured#gather} runs three simulated downloads at once, each on its own virtual
 * thread, and returns their results in order, so the three waits overlap. A {@link TaskGroup}
 * shows the other half of the contract: when one subtask fails, its siblings are cancelled (here,
 * one waiting for a reply that will never come), the failure comes out of {@code join()}, and
 * closing the group waits until every subtask's thread has ended.
 *
 * <p>Seeds: {@code asyncio.gather(download_file(1), ...)} (the parallel-programming chapter) and
 * {@code async with asyncio.TaskGroup() as tg} (the parallel computing chapter).
 */
public final class StructuredGather {

    static final Example EXAMPLE = new Example("structured-gather",
            "Structured.gather overlaps three downloads; in a TaskGroup one failure cancels the siblings",
            () -> run(System.out));

    private static final Duration DOWNLOAD_TIME = Duration.ofMillis(100); // a simulated network call

    /**
     * @param downloads    what gather returned, in task order
     * @param failure      the exception that came out of the group's join
     * @param siblingState how the sibling of the failed subtask ended
     */
    public record Outcomes(List<String> downloads, Throwable failure, Subtask.State siblingState) {}

    private StructuredGather() {}

    static String download(int file) throws InterruptedException {
        Thread.sleep(DOWNLOAD_TIME);
        return "file " + file;
    }

    public static Outcomes run(PrintStream out) throws InterruptedException {
        List<Callable<String>> downloads = IntStream.rangeClosed(1, 3)
                .<Callable<String>>mapToObj(file -> () -> download(file))
                .toList();
        long started = System.nanoTime();
        List<String> files = Structured.gather(downloads);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        out.println("gather: " + files + " in " + millis + " ms, not 3 x " + DOWNLOAD_TIME.toMillis() + " ms");

        CountDownLatch reply = new CountDownLatch(1); // never counted down
        Throwable failure = null;
        Subtask<String> waiting;
        try (TaskGroup<String> group = TaskGroup.open()) {
            waiting = group.fork(() -> {
                reply.await();
                return "reply";
            });
            group.fork(() -> {
                throw new IOException("connection refused");
            });
            try {
                group.join();
            } catch (GroupFailedException e) {
                failure = e.getCause();
                out.println("task group: join() threw, first failure " + failure);
            }
        }
        out.println("task group: the sibling that was waiting for a reply ended " + waiting.state());
        return new Outcomes(files, failure, waiting.state());
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }
}
