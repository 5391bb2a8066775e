package dev.spindle.examples;

import dev.spindle.isolate.Isolate;
import dev.spindle.isolate.IsolateChannel;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Teaches isolates: two isolated workers, each with its own class loader and so its own statics,
 * are given a channel and a name before they start; each puts a greeting into the channel while
 * the caller puts its own. Only shareable values cross: the greetings are strings, and the
 * channel itself is shared by reference.
 *
 * <p>Seed: Python 3.14's {@code concurrent.interpreters}: {@code create()}, {@code prepare_main()}
 * and a queue shared by two interpreters and the main one.
 */
public final class Interpreters {

    static final Example EXAMPLE = new Example("interpreters",
            "two isolates, prepared with a name and a channel, put greetings into it beside the caller (concurrent.interpreters)",
            () -> run(System.out));

    private Interpreters() {}

    /** The greetings taken from the channel, in the order they arrived. */
    public static List<String> run(PrintStream out) throws Exception {
        try (IsolateChannel<String> queue = IsolateChannel.create();
             Isolate a = Isolate.create().prepareMain("queue", queue).prepareMain("name", "isolate a");
             Isolate b = Isolate.create().prepareMain("queue", queue).prepareMain("name", "isolate b")) {
            List<CompletableFuture<Void>> puts = new ArrayList<>();
            for (Isolate isolate : List.of(a, b)) {
                puts.add(isolate.run(() -> {
                    IsolateChannel<String> mine = Isolate.main("queue");
                    mine.put("hello from " + Isolate.main("name"));
                }));
            }
            queue.put("hello from the caller");
            List<String> heard = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String greeting = queue.poll(Duration.ofSeconds(30)).orElseThrow(() -> new IllegalStateException("an isolate never answered"));
                out.println("took: " + greeting);
                heard.add(greeting);
            }
            for (CompletableFuture<Void> put : puts) {
                put.get(30, TimeUnit.SECONDS);
            }
            return heard;
        }
    }
}
