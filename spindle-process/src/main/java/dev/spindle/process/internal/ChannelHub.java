package dev.spindle.process.internal;

import dev.spindle.process.ChannelClosedException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The channels this JVM owns, and the service that lets its workers use them. Not API.
 *
 * <h2>Channel frames</h2>
 * A worker's request carries its number in the frame's id; the owner answers with a
 * CHANNEL_REPLY of the same id. Bodies (numbers big-endian):
 * <pre>
 *   CHANNEL_SEND     channel (64) | timeout ns (64, negative: forever) | message bytes
 *   CHANNEL_RECEIVE  channel (64) | timeout ns (64)
 *   CHANNEL_CLOSE    channel (64)
 *   CHANNEL_CANCEL   (none): the worker gave up on that request (its task was interrupted)
 *   CHANNEL_RETURN   channel (64) | message bytes: a message that arrived after its receiver gave up
 *   CHANNEL_REPLY    status (8) | for a receive: the message bytes; for an error: a failure body
 * </pre>
 * Status: 0 done (a send was accepted, a receive has its message, a close closed), 1 timed out,
 * 2 closed, 3 failed. Each request is served on a virtual thread of its own, so a receive that
 * waits never holds the worker's reader; CHANNEL_CANCEL interrupts it, and a message it took after
 * the interrupt goes back to the head of the channel.
 */
public final class ChannelHub {

    static final byte DONE = 0;
    static final byte TIMED_OUT = 1;
    static final byte CLOSED = 2;
    static final byte FAILED = 3;

    private static final AtomicLong IDS = new AtomicLong();
    private static final ConcurrentHashMap<Long, LocalChannel> CHANNELS = new ConcurrentHashMap<>();

    /** Requests being served, by connection and request number, so a cancel can reach them. */
    private static final ConcurrentHashMap<Request, Thread> SERVING = new ConcurrentHashMap<>();

    private record Request(Object connection, long number) {}

    /** Sends a reply to the worker that asked. */
    @FunctionalInterface
    interface Replier {
        void reply(byte type, long id, byte[] body) throws IOException;
    }

    private ChannelHub() {}

    /** Registers a new channel owned by this JVM; returns its number. */
    public static long open(String name, int capacity) {
        long id = IDS.incrementAndGet();
        CHANNELS.put(id, new LocalChannel(name, capacity, () -> CHANNELS.remove(id)));
        return id;
    }

    /** The messages of a channel this JVM has just created. */
    public static ChannelTransport local(long id) {
        return CHANNELS.get(id);
    }

    /**
     * How a channel handle that arrived in this JVM reaches its messages.
     *
     * @throws ChannelClosedException if this JVM owns it and it was closed and emptied
     * @throws IllegalStateException if this JVM is neither its owner nor a worker of its owner
     */
    public static ChannelTransport connect(long owner, long id, String name) {
        long self = ProcessHandle.current().pid();
        if (owner == self) {
            LocalChannel local = CHANNELS.get(id);
            if (local == null) {
                throw new ChannelClosedException("channel " + name + " is closed and empty");
            }
            return local;
        }
        WorkerLink link = WorkerLink.current();
        if (link != null && link.poolPid() == owner) {
            return new RemoteChannel(link, id, name);
        }
        throw new IllegalStateException("channel " + name + " belongs to the JVM with pid " + owner
                + "; it works there and in the workers of its process pools, not in this JVM (pid " + self + ")");
    }

    /** Serves one channel frame from a worker, on a virtual thread. */
    static void serve(Object connection, Wire.Frame frame, Replier replier) {
        switch (frame.type()) {
            case Wire.CHANNEL_CANCEL -> {
                Thread serving = SERVING.get(new Request(connection, frame.id()));
                if (serving != null) {
                    serving.interrupt();
                }
            }
            case Wire.CHANNEL_RETURN -> {
                ByteBuffer body = ByteBuffer.wrap(frame.body());
                LocalChannel channel = CHANNELS.get(body.getLong());
                if (channel != null) {
                    channel.giveBack(decode(Arrays.copyOfRange(frame.body(), 8, frame.body().length)));
                }
            }
            default -> {
                Request request = new Request(connection, frame.id());
                Thread.ofVirtual().name("spindle-channel-request").start(() -> {
                    SERVING.put(request, Thread.currentThread());
                    try {
                        answer(frame, replier);
                    } finally {
                        SERVING.remove(request);
                    }
                });
            }
        }
    }

    private static void answer(Wire.Frame frame, Replier replier) {
        ByteBuffer body = ByteBuffer.wrap(frame.body());
        byte[] reply;
        try {
            LocalChannel channel = CHANNELS.get(body.getLong());
            if (channel == null) {
                reply = new byte[] {CLOSED};
            } else {
                reply = switch (frame.type()) {
                    case Wire.CHANNEL_SEND -> {
                        long timeout = body.getLong();
                        Object message = decode(Arrays.copyOfRange(frame.body(), 16, frame.body().length));
                        yield new byte[] {channel.send(message, timeout) ? DONE : TIMED_OUT};
                    }
                    case Wire.CHANNEL_RECEIVE -> receive(channel, body.getLong());
                    case Wire.CHANNEL_CLOSE -> {
                        channel.close();
                        yield new byte[] {DONE};
                    }
                    default -> throw new IllegalStateException("not a channel request: type " + frame.type());
                };
            }
        } catch (ChannelClosedException e) {
            reply = new byte[] {CLOSED};
        } catch (InterruptedException e) {
            return; // the worker gave up: it expects no reply
        } catch (RuntimeException e) {
            reply = failure(e);
        }
        try {
            replier.reply(Wire.CHANNEL_REPLY, frame.id(), reply);
        } catch (IOException e) {
            // the worker is gone; a message it was sent is lost with it, as with the task it ran
        }
    }

    private static byte[] receive(LocalChannel channel, long timeout) throws InterruptedException {
        Object message = channel.receive(timeout);
        if (message == null) {
            return new byte[] {TIMED_OUT};
        }
        if (Thread.interrupted()) {
            channel.giveBack(message);
            throw new InterruptedException();
        }
        byte[] bytes;
        try {
            bytes = Codec.encode(message);
        } catch (IOException e) {
            channel.giveBack(message);
            return failure(new IllegalArgumentException("a message of " + message.getClass().getName()
                    + " on the channel cannot be sent to a worker: " + e.getMessage(), e));
        }
        byte[] reply = new byte[1 + bytes.length];
        reply[0] = DONE;
        System.arraycopy(bytes, 0, reply, 1, bytes.length);
        return reply;
    }

    private static byte[] failure(Throwable error) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FAILED);
            out.write(Codec.encodeFailure(error));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object decode(byte[] bytes) {
        try {
            return Codec.decode(bytes);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("a message from a worker cannot be rebuilt here: " + e, e);
        }
    }
}
