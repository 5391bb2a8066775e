package dev.spindle.process;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Two connected ends, each sending to the other: Python's {@code multiprocessing.Pipe()}. Keep
 * one end and hand the other to a task; both are {@link Channel}s underneath, so an end works in
 * the JVM that created the pipe and in the workers of its process pools.
 *
 * <pre>{@code
 * Pipe<String> pipe = Pipe.create("dialogue", 16);
 * Pipe.End<String> mine = pipe.one(), theirs = pipe.other();
 * pool.submit(() -> { theirs.send("ready"); return theirs.receive(); });
 * mine.receive();      // "ready"
 * mine.send("go");     // the task returns "go"
 * }</pre>
 *
 * @param <T> the messages' type
 */
public record Pipe<T>(End<T> one, End<T> other) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Pipe {
        Objects.requireNonNull(one, "one");
        Objects.requireNonNull(other, "other");
    }

    /**
     * A new pipe whose two directions each hold up to {@code capacity} messages.
     *
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static <T> Pipe<T> create(String name, int capacity) {
        Channel<T> forward = Channel.create(name + " (one to other)", capacity);
        Channel<T> backward = Channel.create(name + " (other to one)", capacity);
        return new Pipe<>(new End<>(forward, backward), new End<>(backward, forward));
    }

    /**
     * One end of a pipe: what it sends, the other end receives.
     *
     * @param outgoing where {@link #send} puts messages
     * @param incoming where {@link #receive} takes them from
     */
    public record End<T>(Channel<T> outgoing, Channel<T> incoming) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        public End {
            Objects.requireNonNull(outgoing, "outgoing");
            Objects.requireNonNull(incoming, "incoming");
        }

        /** Sends to the other end, waiting while its direction is full. */
        public void send(T message) throws InterruptedException {
            outgoing.send(message);
        }

        /** Takes the oldest message from the other end, waiting for one. */
        public T receive() throws InterruptedException {
            return incoming.receive();
        }

        /** Takes the oldest message from the other end, or {@code null} if none comes within {@code timeout}. */
        public T poll(Duration timeout) throws InterruptedException {
            return incoming.poll(timeout);
        }

        /** Closes this end's sending direction: the other end receives what was sent, then {@link ChannelClosedException}. */
        public void close() {
            outgoing.close();
        }
    }
}
