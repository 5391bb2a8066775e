package dev.spindle.isolate;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue between isolates and their caller that carries only {@linkplain Shareable shareable}
 * values: Python's {@code concurrent.interpreters} queue. It crosses into an isolate by reference
 * (a task that captures it, or {@link Isolate#prepareMain}, hands the isolate this very channel,
 * not a copy), so what one side puts the other takes.
 *
 * <p>Close it when done: an open channel is remembered so that isolates can find it. Safe for use
 * by many threads. {@code null} may not be put.
 *
 * @param <T> the values' type
 */
public final class IsolateChannel<T> implements AutoCloseable, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final AtomicLong IDS = new AtomicLong();
    private static final Map<Long, IsolateChannel<?>> OPEN = new ConcurrentHashMap<>();
    private static final Object CLOSED = new Object();

    private final long id;
    private final transient LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private transient volatile boolean closed;

    private IsolateChannel() {
        this.id = IDS.incrementAndGet();
    }

    /** A new, open, empty channel. */
    public static <T> IsolateChannel<T> create() {
        IsolateChannel<T> channel = new IsolateChannel<>();
        OPEN.put(channel.id, channel);
        return channel;
    }

    /**
     * Adds a value (a copy, where it is mutable).
     *
     * @throws IllegalArgumentException if the value is not shareable, naming its class
     * @throws IllegalStateException    if the channel is closed
     */
    public void put(T value) {
        Objects.requireNonNull(value, "value");
        Object crossing = Shareable.crossing(value);
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        queue.add(crossing);
    }

    /**
     * Takes the next value, waiting for one.
     *
     * @throws IllegalStateException if the channel is closed and empty
     * @throws InterruptedException  if interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public T take() throws InterruptedException {
        Object value = queue.take();
        if (value == CLOSED) {
            queue.add(CLOSED); // for the next taker
            throw new IllegalStateException(this + " is closed");
        }
        return (T) value;
    }

    /**
     * Takes the next value if one comes within {@code timeout}.
     *
     * @throws IllegalStateException if the channel is closed and empty
     * @throws InterruptedException  if interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public Optional<T> poll(Duration timeout) throws InterruptedException {
        Object value = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (value == CLOSED) {
            queue.add(CLOSED);
            throw new IllegalStateException(this + " is closed");
        }
        return Optional.ofNullable((T) value);
    }

    /** Refuses further puts; takers get what is left, then an {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            OPEN.remove(id);
            queue.add(CLOSED);
        }
    }

    /** Crosses as its id: the other side finds this very channel. */
    @Serial
    private Object writeReplace() {
        return new Ref(id);
    }

    private record Ref(long id) implements Serializable {
        @Serial
        private Object readResolve() {
            IsolateChannel<?> channel = OPEN.get(id);
            if (channel == null) {
                throw new IllegalStateException("channel " + id + " was closed before it reached the isolate");
            }
            return channel;
        }
    }

    @Override
    public String toString() {
        return "channel " + id;
    }
}
