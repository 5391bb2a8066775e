package dev.spindle.cluster.internal;

import dev.spindle.RemoteTaskException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * How tasks, results and exceptions cross between members: the JDK's serialisation, with classes
 * resolved by the loader that holds the application's classes on the receiving member. Ignite
 * carries only the bytes, so what a member can rebuild, and the error when it cannot, are
 * Spindle's to define, the same as between worker JVMs. Decoding bounds the depth of the graph.
 */
public final class Payloads {

    private static final ObjectInputFilter LIMITS = ObjectInputFilter.Config.createFilter("maxdepth=5000");

    private Payloads() {}

    /** @throws java.io.NotSerializableException naming the class that cannot be serialised */
    public static byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** @throws ClassNotFoundException whose message is the name of the class {@code loader} lacks */
    public static Object decode(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        return decode(new ByteArrayInputStream(bytes), loader);
    }

    private static Object decode(InputStream bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(bytes) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc); // primitives and the JDK's own
                }
            }
        }) {
            in.setObjectInputFilter(LIMITS);
            return in.readObject();
        }
    }

    /** A task's exception: a portable copy that always loads, then the exception itself if it serialises. */
    static byte[] encodeFailure(Throwable error) {
        try {
            byte[] portable = encode(RemoteTaskException.copyOf(error));
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
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("a RemoteTaskException did not serialise", e);
        }
    }

    /** The exception of {@link #encodeFailure}: the original where it can be rebuilt here, else the portable copy. */
    static Throwable decodeFailure(byte[] body, ClassLoader loader) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        byte[] portable = in.readNBytes(in.readInt());
        byte[] original = in.readAllBytes();
        if (original.length > 0) {
            try {
                return (Throwable) decode(original, loader);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // its class is missing here, or differs: the copy always loads
            }
        }
        return (Throwable) decode(portable, loader);
    }


    /**
     * A value as a member stores it: serialised here, so that every member rebuilds it with its
     * own application classes, as it does a task.
     *
     * @throws IllegalArgumentException naming the class, if it cannot be serialised
     */
    public static byte[] store(Object value, String what) {
        try {
            return encode(value);
        } catch (java.io.NotSerializableException e) {
            throw new IllegalArgumentException(what + " cannot hold it: " + e.getMessage() + " is not serialisable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot hold it: " + e, e);
        }
    }

    /**
     * A stored value, rebuilt with this member's application classes; null for null.
     *
     * @throws IllegalStateException naming the class, if this member lacks it
     */
    public static Object load(byte[] bytes, ClassLoader classes, String what) {
        if (bytes == null) {
            return null;
        }
        try {
            return decode(bytes, classes);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(what + " holds a value of class " + e.getMessage()
                    + ", which is not on this member's class path", e);
        } catch (IOException e) {
            throw new IllegalStateException(what + " holds a value that cannot be rebuilt here: " + e, e);
        }
    }
}
