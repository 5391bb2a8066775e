package dev.spindle.process;

import dev.spindle.process.internal.ChannelHub;
import dev.spindle.process.internal.ChannelTransport;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A bounded first-in, first-out channel of messages between a JVM and the workers of its process
 * pools, in both directions: Python's {@code multiprocessing.Queue}. Stream results or progress
 * from tasks as they go, or feed work to them.
 *
 * <pre>{@code
 * Channel<String> progress = Channel.create("progress", 100);
 * try (Pool pool = Pool.processes(2)) {
 *     CompletableFuture<Long> done = pool.submit(() -> {
 *         for (int step = 1; step <= 10; step++) {
 *             progress.send("step " + step);            // from the worker JVM
 *         }
 *         return 10L;
 *     });
 *     for (int i = 0; i < 10; i++) {
 *         System.out.println(progress.receive());       // in this JVM, as they arrive
 *     }
 * }
 * }</pre>
 *
 * <h2>Where it lives</h2>
 * The messages are kept in the JVM that created the channel, its <em>owner</em>. A channel
 * captured by a task travels as a handle (its owner's pid and its number); in a worker of one of
 * the owner's process pools every call is a request over the worker's connection to its pool. Any
 * number of senders and receivers, in the owner and its workers, may use it at once; each message
 * is received once. Messages sent and received within the owner are the very objects; those that
 * cross to or from a worker are serialised copies, at most the pool's message limit in size.
 *
 * <h2>Closing</h2>
 * {@link #close()} refuses further sends; receivers take what is left, then get
 * {@link ChannelClosedException}. Closing also frees the channel in its owner. A channel lives no
 * longer than its owner JVM.
 *
 * <p>Every blocking method honours interrupts. A receive interrupted in a worker never loses a
 * message: one already taken for it goes back to the head of the channel.
 *
 * @param <T> the messages' type; serialisable when they cross to or from a worker
 */
public final class Channel<T> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long owner;
    private final long id;
    private final String name;
    private transient volatile ChannelTransport transport;

    private Channel(long owner, long id, String name, ChannelTransport transport) {
        this.owner = owner;
        this.id = id;
        this.name = name;
        this.transport = transport;
    }

    /**
     * A new channel owned by this JVM.
     *
     * @param name     for messages and errors
     * @param capacity how many messages it holds before {@link #send} blocks
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static <T> Channel<T> create(String name, int capacity) {
        Objects.requireNonNull(name, "name");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        long id = ChannelHub.open(name, capacity);
        return new Channel<>(ProcessHandle.current().pid(), id, name, ChannelHub.local(id));
    }

    /**
     * Adds a message, waiting while the channel is full.
     *
     * @throws ChannelClosedException if the channel is closed
     * @throws IllegalArgumentException from a worker, if the message cannot be serialised
     */
    public void send(T message) throws InterruptedException {
        transport().send(Objects.requireNonNull(message, "message"), -1);
    }

    /**
     * Adds a message if there is room within {@code timeout}.
     *
     * @return whether it was added
     * @throws ChannelClosedException if the channel is closed
     */
    public boolean offer(T message, Duration timeout) throws InterruptedException {
        return transport().send(Objects.requireNonNull(message, "message"), nanos(timeout));
    }

    /**
     * Takes the oldest message, waiting until there is one.
     *
     * @throws ChannelClosedException once the channel is closed and empty
     */
    @SuppressWarnings("unchecked") // only messages of T are sent on a Channel<T>
    public T receive() throws InterruptedException {
        return (T) transport().receive(-1);
    }

    /**
     * Takes the oldest message, waiting at most {@code timeout} for one.
     *
     * @return the message, or {@code null} if none came in time
     * @throws ChannelClosedException once the channel is closed and empty
     */
    @SuppressWarnings("unchecked") // only messages of T are sent on a Channel<T>
    public T poll(Duration timeout) throws InterruptedException {
        return (T) transport().receive(nanos(timeout));
    }

    /** Refuses further sends; what was sent can still be received. Idempotent. */
    public void close() {
        transport().close();
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    private ChannelTransport transport() {
        ChannelTransport current = transport;
        if (current == null) {
            current = ChannelHub.connect(owner, id, name);
            transport = current;
        }
        return current;
    }

    private static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "channel " + name + " of pid " + owner;
    }
}
