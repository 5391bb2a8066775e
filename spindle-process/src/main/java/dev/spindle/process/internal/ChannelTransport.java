package dev.spindle.process.internal;

/**
 * How a {@code Channel} reaches its messages: directly in its owner JVM ({@link LocalChannel}),
 * by requests over the worker's connection in a worker ({@link RemoteChannel}). Not API.
 * A timeout in nanoseconds: negative waits forever, zero does not wait.
 */
public interface ChannelTransport {

    /** @return whether the message was added in time */
    boolean send(Object message, long timeoutNanos) throws InterruptedException;

    /** @return the oldest message, or {@code null} if none came in time */
    Object receive(long timeoutNanos) throws InterruptedException;

    void close();
}
