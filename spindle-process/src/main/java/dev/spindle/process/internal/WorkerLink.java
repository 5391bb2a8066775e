package dev.spindle.process.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker JVM's requests to its pool's JVM, for the channels it owns: each request waits for the
 * reply with its number, which the worker's main thread hands over as it reads frames.
 */
final class WorkerLink {

    private static volatile WorkerLink current;

    private final Wire.Writer writer;
    private final long poolPid;
    private final int maxMessage;
    private final AtomicLong numbers = new AtomicLong();
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();

    /** A request waiting for its reply; abandoned if its caller was interrupted. */
    private record Pending(long channel, CompletableFuture<byte[]> reply) {}

    WorkerLink(Wire.Writer writer, long poolPid, int maxMessage) {
        this.writer = writer;
        this.poolPid = poolPid;
        this.maxMessage = maxMessage;
    }

    /** The link of this worker JVM, or {@code null} in a JVM that is not a worker. */
    static WorkerLink current() {
        return current;
    }

    static void install(WorkerLink link) {
        current = link;
    }

    long poolPid() {
        return poolPid;
    }

    int maxMessage() {
        return maxMessage;
    }

    /** Sends a request and waits for its reply's body; if interrupted, tells the pool, and gives back a late message. */
    byte[] request(byte type, byte[] body, long channel) throws InterruptedException {
        long number = numbers.incrementAndGet();
        Pending request = new Pending(channel, new CompletableFuture<>());
        pending.put(number, request);
        try {
            writer.write(type, number, body);
            return request.reply().get();
        } catch (IOException e) {
            pending.remove(number);
            throw new IllegalStateException("the pool's JVM cannot be reached: " + e, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the pool's JVM cannot be reached: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            if (pending.replace(number, request, new Pending(channel, null))) {
                try {
                    writer.write(Wire.CHANNEL_CANCEL, number, new byte[0]); // abandoned: a late reply is given back
                } catch (IOException gone) {
                    // nothing to cancel then
                }
            } else {
                giveBack(request, request.reply().join()); // the reply came as we were interrupted
            }
            throw e;
        }
    }

    /** On the worker's main thread: a reply arrived. */
    void replied(Wire.Frame frame) {
        Pending request = pending.remove(frame.id());
        if (request == null) {
            return;
        }
        if (request.reply() == null) {
            giveBack(request, frame.body());
        } else {
            request.reply().complete(frame.body());
        }
    }

    private void giveBack(Pending request, byte[] reply) {
        if (reply.length > 1 && reply[0] == ChannelHub.DONE && request.channel() >= 0) {
            byte[] message = Arrays.copyOfRange(reply, 1, reply.length);
            try {
                writer.write(Wire.CHANNEL_RETURN, 0, ByteBuffer.allocate(8 + message.length).putLong(request.channel()).put(message).array());
            } catch (IOException e) {
                // the pool is gone
            }
        }
    }
}
