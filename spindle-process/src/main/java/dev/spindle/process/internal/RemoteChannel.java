package dev.spindle.process.internal;

import dev.spindle.process.ChannelClosedException;

import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A channel seen from a worker JVM: every call is a request to the pool's JVM, which owns it. */
final class RemoteChannel implements ChannelTransport {

    private final WorkerLink link;
    private final long id;
    private final String name;

    RemoteChannel(WorkerLink link, long id, String name) {
        this.link = link;
        this.id = id;
        this.name = name;
    }

    @Override
    public boolean send(Object message, long timeoutNanos) throws InterruptedException {
        byte[] bytes;
        try {
            bytes = Codec.encode(message);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("a message for channel " + name + " cannot be sent: " + e.getMessage()
                    + " is not serialisable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("a message for channel " + name + " cannot be sent: " + e, e);
        }
        if (bytes.length > link.maxMessage() - 16) {
            throw new IllegalArgumentException("a message for channel " + name + " is " + bytes.length
                    + " bytes serialised, more than the " + (link.maxMessage() - 16) + " its pool carries");
        }
        byte[] body = ByteBuffer.allocate(16 + bytes.length).putLong(id).putLong(timeoutNanos).put(bytes).array();
        return status(link.request(Wire.CHANNEL_SEND, body, id)) == ChannelHub.DONE;
    }

    @Override
    public Object receive(long timeoutNanos) throws InterruptedException {
        byte[] reply = link.request(Wire.CHANNEL_RECEIVE, ByteBuffer.allocate(16).putLong(id).putLong(timeoutNanos).array(), id);
        if (status(reply) == ChannelHub.TIMED_OUT) {
            return null;
        }
        try {
            return Codec.decode(Arrays.copyOfRange(reply, 1, reply.length));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a message from channel " + name + " cannot be rebuilt here: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            link.request(Wire.CHANNEL_CLOSE, ByteBuffer.allocate(8).putLong(id).array(), id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ChannelClosedException e) {
            // closed already
        }
    }

    private byte status(byte[] reply) {
        return switch (reply[0]) {
            case ChannelHub.DONE, ChannelHub.TIMED_OUT -> reply[0];
            case ChannelHub.CLOSED -> throw new ChannelClosedException("channel " + name + " is closed");
            default -> {
                Throwable error;
                try {
                    error = Codec.decodeFailure(Arrays.copyOfRange(reply, 1, reply.length));
                } catch (IOException | ClassNotFoundException e) {
                    error = new IllegalStateException("channel " + name + " failed, and its error cannot be read: " + e);
                }
                if (error instanceof RuntimeException unchecked) {
                    throw unchecked;
                }
                throw new IllegalStateException("channel " + name + " failed", error);
            }
        };
    }
}
