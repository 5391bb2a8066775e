package dev.spindle.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import org.apache.fory.Fory;
import org.apache.fory.config.Language;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * A serialiser that a pool of worker JVMs could use to carry one message (a task, a result, an
 * exception) as bytes, configured as such a pool would need it: any object graph (shared
 * references and cycles included), no class registered in advance, no {@code --add-opens}.
 *
 * <p>One instance per thread, as a pool would keep one per connection: none of them is
 * thread-safe. Each {@link #encode} returns a fresh {@code byte[]} holding exactly the message;
 * the buffer it is written into first is the instance's and is reused.
 */
sealed interface Codec {

    /** The candidates measured, by the names the benchmark's parameter uses. */
    static Codec named(String name) {
        return switch (name) {
            case "jdk" -> new Jdk();
            case "kryo" -> new KryoCodec(true);
            case "fory" -> new ForyCodec();
            default -> throw new IllegalArgumentException("codec must be jdk, kryo or fory, was " + name);
        };
    }

    byte[] encode(Object value) throws IOException;

    Object decode(byte[] message) throws IOException, ClassNotFoundException;

    /**
     * The JDK's serialisation, with fresh streams for every message: a pool cannot keep one
     * {@code ObjectOutputStream} open across messages, since its back-references would keep every
     * object ever sent alive and the receiving side's table would grow without bound. Decoding
     * runs under the limits a pool would set ({@link #FILTER}).
     */
    final class Jdk implements Codec {

        /** Limits only, no class patterns: generous enough for the benchmark's largest array. */
        static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
                "maxdepth=64;maxrefs=1000000;maxarray=16777216;maxbytes=134217728");

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

        @Override
        public byte[] encode(Object value) throws IOException {
            buffer.reset();
            try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
                out.writeObject(value);
            }
            return buffer.toByteArray();
        }

        @Override
        public Object decode(byte[] message) throws IOException, ClassNotFoundException {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(message))) {
                in.setObjectInputFilter(FILTER);
                return in.readObject();
            }
        }
    }

    /**
     * Kryo 5 without registration, with references tracked (a pool carries arbitrary graphs, and
     * Kryo without references overflows the stack on a cycle), objects made without calling a
     * constructor where there is no no-argument one (as the JDK does), and
     * {@link ClosureSerializer} for serialisable lambdas.
     *
     * <p>{@code javaForThrowables} hands every {@link Throwable} to Kryo's {@link JavaSerializer}
     * (the JDK's serialisation inside Kryo's stream): Kryo's own field-by-field serialiser needs
     * {@code --add-opens java.base/java.lang=ALL-UNNAMED} to read {@code Throwable}'s private
     * fields on JDK 17 and later. The benchmark uses {@code true}; {@code false} is there to show
     * the failure ({@link SerializerCapabilities}).
     */
    final class KryoCodec implements Codec {

        private final Kryo kryo = new Kryo();
        private final Output output = new Output(4096, -1);
        private final Input input = new Input();

        KryoCodec(boolean javaForThrowables) {
            kryo.setRegistrationRequired(false);
            kryo.setReferences(true);
            kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
            kryo.register(ClosureSerializer.Closure.class, new ClosureSerializer());
            if (javaForThrowables) {
                kryo.addDefaultSerializer(Throwable.class, JavaSerializer.class);
            }
        }

        @Override
        public byte[] encode(Object value) {
            output.reset();
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        }

        @Override
        public Object decode(byte[] message) {
            input.setBuffer(message);
            return kryo.readClassAndObject(input);
        }
    }

    /**
     * Apache Fory (formerly Fury) in its Java-only format, without registration, with references
     * tracked, generating its serialisers at run time (its default). Its JDK 25 classes are
     * multi-release entries: the shaded benchmark jar must say {@code Multi-Release: true}, or
     * Fory fails to generate code for a record with {@code ClassNotFoundException:
     * org.apache.fory.builder.VarHandleCodegenSupport}.
     */
    final class ForyCodec implements Codec {

        private final Fory fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .requireClassRegistration(false)
                .withRefTracking(true)
                .build();

        @Override
        public byte[] encode(Object value) {
            return fory.serialize(value);
        }

        @Override
        public Object decode(byte[] message) {
            return fory.deserialize(message);
        }
    }
}
