package dev.spindle.process.internal;

import dev.spindle.RemoteTaskException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * How tasks, results and exceptions become bytes and back: the JDK's own serialisation, which
 * carries serialisable lambdas, records, any user class and exceptions with their causes and
 * stack traces, with no class to register and no flag to add (docs/PROCESSES.md has the
 * measurements behind the choice). Fresh streams per message, so nothing one message wrote is
 * referenced by the next.
 */
final class Codec {

    private Codec() {}

    /**
     * @throws java.io.NotSerializableException naming the class that cannot be serialised
     * @throws IOException if serialisation fails otherwise
     */
    static byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    static Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    /** A failure body (see {@link Wire}): the portable copy, then the exception itself if it serialises. */
    static byte[] encodeFailure(Throwable error) {
        byte[] portable;
        try {
            portable = encode(portable(error));
        } catch (IOException e) {
            throw new IllegalStateException("a RemoteTaskException did not serialise", e);
        }
        byte[] original;
        try {
            original = encode(error);
        } catch (IOException | RuntimeException e) {
            original = new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + portable.length + original.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(portable.length);
            out.write(portable);
            out.write(original);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** The exception a failure body carries: the original where it can be rebuilt here, else the portable copy. */
    static Throwable decodeFailure(byte[] body) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int portableLength = in.readInt();
        byte[] portable = in.readNBytes(portableLength);
        byte[] original = in.readAllBytes();
        if (original.length > 0) {
            try {
                return (Throwable) decode(original);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // the class is missing here, or changed: fall back to the copy that always loads
            }
        }
        return (Throwable) decode(portable);
    }

    /** {@code error} as a chain of {@link RemoteTaskException}s keeping class names, messages and traces. */
    static RemoteTaskException portable(Throwable error) {
        RemoteTaskException copy = new RemoteTaskException(error.getClass().getName(), error.getMessage(),
                error.getStackTrace());
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            copy.initCause(portable(cause));
        }
        for (Throwable suppressed : error.getSuppressed()) {
            copy.addSuppressed(portable(suppressed));
        }
        return copy;
    }
}
