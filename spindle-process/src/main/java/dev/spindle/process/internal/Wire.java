package dev.spindle.process.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The control protocol between a pool and one of its worker JVMs: frames over a Unix domain
 * socket, never over the worker's stdout (where the JVM itself prints crash and out-of-memory
 * banners). One connection per worker, opened by the worker to a socket that the pool binds for it
 * alone in a directory only the user can enter, then removed.
 *
 * <h2>A frame</h2>
 * Every number is big-endian. Length counts the bytes after itself, so a frame is
 * {@code 4 + length} bytes long and the body {@code length - 9}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Length                                |  0
 *  +---------------+-----------------------------------------------+
 *  |     Type      |                 Id (64 bits) ...              |  4
 *  +---------------+                                               +
 *  |                                                               |  8
 *  +               +-----------------------------------------------+
 *  |               |                 Body ...                     ...  13
 *  +---------------+-----------------------------------------------+
 * </pre>
 *
 * <h2>The conversation</h2>
 * <pre>
 *   pool                                   worker
 *                         ◀── HELLO       id: protocol version; body: pid (64 bits), then the
 *                                          token the worker was launched with (UTF-8)
 *   WELCOME ──▶                            body: the initializer's bytes, or none
 *                         ◀── READY       the initializer ran; the worker takes tasks
 *                         ◀── REFUSED     or: the initializer threw; body: a failure (below)
 *   RUN ──▶                                id: the job; body: the task's bytes
 *   CANCEL ──▶                             id: the job to interrupt, if it still runs
 *                         ◀── RESULT      id: the job; body: the result's bytes
 *                         ◀── FAILURE     id: the job; body: a failure (below)
 *   STOP ──▶                               the worker exits with code 0
 *                         ◀── CHANNEL_*   at any time, from a running task: a request on a
 *   CHANNEL_REPLY ──▶                      channel the pool's JVM owns ({@link ChannelHub})
 * </pre>
 * A worker runs one job at a time: the pool sends RUN only to a worker that has answered the
 * previous one. A failure body carries the exception twice, so the pool can always rebuild
 * something: an int with the length of a portable copy (a chain of
 * {@link dev.spindle.RemoteTaskException}s, which load anywhere), that copy, then the exception
 * itself serialised, or nothing if it could not be.
 *
 * <p>Either side that reads the end of the stream knows the other is gone: a worker then halts at
 * once (its pool died, perhaps by SIGKILL), and the pool reports the worker lost.
 */
final class Wire {

    static final int PROTOCOL_VERSION = 1;

    static final int HEADER_BYTES = 4 + 1 + 8;

    static final byte HELLO = 1;
    static final byte WELCOME = 2;
    static final byte READY = 3;
    static final byte REFUSED = 4;
    static final byte RUN = 5;
    static final byte CANCEL = 6;
    static final byte RESULT = 7;
    static final byte FAILURE = 8;
    static final byte STOP = 9;
    static final byte CHANNEL_SEND = 10;
    static final byte CHANNEL_RECEIVE = 11;
    static final byte CHANNEL_CLOSE = 12;
    static final byte CHANNEL_CANCEL = 13;
    static final byte CHANNEL_RETURN = 14;
    static final byte CHANNEL_REPLY = 15;

    private static final byte[] NO_BODY = new byte[0];

    private Wire() {}

    /** A frame as read. */
    record Frame(byte type, long id, byte[] body) {
        Frame(byte type, long id) {
            this(type, id, NO_BODY);
        }
    }

    /** Writes whole frames to one connection; safe for many threads. */
    static final class Writer {
        private final SocketChannel channel;
        private final ReentrantLock lock = new ReentrantLock();
        private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);

        Writer(SocketChannel channel) {
            this.channel = channel;
        }

        void write(byte type, long id, byte[] body) throws IOException {
            lock.lock();
            try {
                header.clear().putInt(1 + 8 + body.length).put(type).putLong(id).flip();
                ByteBuffer[] frame = {header, ByteBuffer.wrap(body)};
                while (header.hasRemaining() || frame[1].hasRemaining()) {
                    channel.write(frame);
                }
            } finally {
                lock.unlock();
            }
        }

        void write(byte type, long id) throws IOException {
            write(type, id, NO_BODY);
        }
    }

    /** Reads frames from one connection, from one thread. */
    static final class Reader {
        private final SocketChannel channel;
        private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        private final int maxBody;

        /** @param maxBody the largest body this side accepts; a longer frame is a protocol error */
        Reader(SocketChannel channel, int maxBody) {
            this.channel = channel;
            this.maxBody = maxBody;
        }

        /** @throws EOFException if the other side has gone */
        Frame read() throws IOException {
            header.clear();
            fill(header);
            header.flip();
            int length = header.getInt();
            byte type = header.get();
            long id = header.getLong();
            int bodyLength = length - 9;
            if (bodyLength < 0 || bodyLength > maxBody) {
                throw new IOException("protocol error: a frame of type " + type + " announced " + bodyLength
                        + " body bytes, more than the " + maxBody + " allowed");
            }
            if (bodyLength == 0) {
                return new Frame(type, id);
            }
            ByteBuffer body = ByteBuffer.allocate(bodyLength);
            fill(body);
            return new Frame(type, id, body.array());
        }

        private void fill(ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new EOFException("the other side closed the connection");
                }
            }
        }
    }
}
