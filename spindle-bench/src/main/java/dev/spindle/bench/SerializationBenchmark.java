package dev.spindle.bench;

import dev.spindle.TaskFunction;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * What it costs to carry a task or a result between JVMs as bytes: the JDK's serialisation
 * against Kryo 5 and Apache Fory, and, for primitive arrays, against a bulk copy by hand.
 *
 * <h2>What one operation is</h2>
 * One round trip of one message: {@link Codec#encode} into a fresh {@code byte[]}, then
 * {@link Codec#decode} of that array back into objects (the decoded value is returned, so
 * nothing is dead code). Both ends run in the benchmark thread: this is the CPU cost of the
 * serialiser alone, with no socket and no second process. Scores are microseconds per round
 * trip ({@link Mode#AverageTime}); lower is better.
 *
 * <h2>The payloads ({@link Candidate#payload})</h2>
 * <ul>
 *   <li>{@code point}: one small record, {@code Point(int x, int y, String label)};</li>
 *   <li>{@code points100}: 100 of them in the list {@code Stream.toList()} makes;</li>
 *   <li>{@code doubles1m}, {@code longs1m}: a {@code double[1_000_000]} and a
 *       {@code long[1_000_000]} of random values (8 MB each);</li>
 *   <li>{@code lambda}: a serialisable lambda, a {@link TaskFunction} capturing an {@code int}
 *       and a {@code String}: what {@code Pool.map} would send to a worker.</li>
 * </ul>
 *
 * <h2>The candidates ({@link Candidate#codec})</h2>
 * {@code jdk} ({@code ObjectOutputStream} and {@code ObjectInputStream}, fresh for every message,
 * decoding under an {@code ObjectInputFilter}), {@code kryo} and {@code fory}, each configured as
 * a pool would need it (see {@link Codec}); one instance per benchmark thread, as a pool keeps
 * one per connection. {@code rawRoundTrip} is the baseline for the arrays: the array copied in
 * bulk into a little-endian {@link ByteBuffer} over a fresh {@code byte[]}, and copied back out
 * into a fresh array, with no header at all: what a hand-written fast path for primitive arrays
 * would cost.
 *
 * <h2>Honesty</h2>
 * Every trial begins by making one round trip and checking it: the decoded value must equal the
 * original (element by element for arrays, {@code equals} for the records and the list), and the
 * decoded lambda must run and give the original's answer; a candidate that gets it wrong fails
 * the trial instead of scoring. The same setup prints the encoded size, in bytes, of the message.
 * What each candidate can carry beyond these payloads (exceptions, classes with a
 * {@code readObject}, the JDK's own value classes) is checked by {@link SerializerCapabilities}.
 *
 * <h2>The heap</h2>
 * The young generation is held at 64 MB so that it is reused, and stays in memory, every few
 * milliseconds. With a 2 GB heap and G1's default sizing, the small payloads' iterations swung by
 * up to ten times on the reference VM (2.5 to 35 µs for {@code jdk point}, with 15 to 20 % of the
 * CPU in the kernel): the allocation kept reaching eden pages that were new to the process (or,
 * we suspect, taken back while idle by the memory reclaim that runs on that VM) and paid for
 * faulting them in. With {@code -Xmn64m} the same benchmark ran within 4 % from the first
 * measured iteration, and over a whole run 3 to 9 % of the CPU was in the kernel. The 8 MB arrays
 * are humongous objects to G1 and are allocated outside the young generation either way.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Xmn64m"})
public class SerializationBenchmark {

    /** Elements in the large primitive arrays. */
    static final int ARRAY_LENGTH = 1_000_000;

    /** The small record. */
    public record Point(int x, int y, String label) implements Serializable {
    }

    /** The payload named {@code name}, made afresh (the same values every time). */
    static Object payload(String name) {
        return switch (name) {
            case "point" -> new Point(3, 4, "origin+5");
            case "points100" -> IntStream.range(0, 100).mapToObj(i -> new Point(i, -i, "p" + i)).toList();
            case "doubles1m" -> new SplittableRandom(42).doubles(ARRAY_LENGTH).toArray();
            case "longs1m" -> new SplittableRandom(42).longs(ARRAY_LENGTH).toArray();
            case "lambda" -> scaleAndLabel(7, "item-");
            default -> throw new IllegalArgumentException(
                    "payload must be point, points100, doubles1m, longs1m or lambda, was " + name);
        };
    }

    /**
     * The lambda payload, made in a static method so that it captures {@code factor} and
     * {@code prefix} and nothing else.
     */
    static TaskFunction<Integer, String> scaleAndLabel(int factor, String prefix) {
        return input -> prefix + (input * factor);
    }

    /** The input the decoded lambda is run on, and the answer it must give. */
    static final int LAMBDA_INPUT = 6;
    static final String LAMBDA_ANSWER = "item-42";

    /**
     * Checks that {@code decoded} is {@code original} come back whole.
     *
     * @throws IllegalStateException naming what differs, if it is not
     */
    static void verifyRoundTrip(String codec, String payload, Object original, Object decoded) throws Exception {
        boolean same = switch (original) {
            case double[] doubles -> decoded instanceof double[] back && Arrays.equals(doubles, back);
            case long[] longs -> decoded instanceof long[] back && Arrays.equals(longs, back);
            case TaskFunction<?, ?> _ -> decoded instanceof TaskFunction<?, ?> back
                    && LAMBDA_ANSWER.equals(apply(back, LAMBDA_INPUT));
            default -> Objects.equals(original, decoded);
        };
        if (!same) {
            throw new IllegalStateException(codec + " did not bring " + payload + " back whole: sent "
                    + describe(original) + ", received " + describe(decoded));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object apply(TaskFunction<?, ?> function, int input) throws Exception {
        return ((TaskFunction<Integer, ?>) function).apply(input);
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case double[] doubles -> "double[" + doubles.length + "]";
            case long[] longs -> "long[" + longs.length + "]";
            default -> value.getClass().getName() + " " + value;
        };
    }

    // ---- the serialisers ----

    /** One candidate and one payload, with the candidate's instance for this thread. */
    @State(Scope.Thread)
    public static class Candidate {

        @Param({"jdk", "kryo", "fory"})
        public String codec;

        @Param({"point", "points100", "doubles1m", "longs1m", "lambda"})
        public String payload;

        Codec instance;
        Object value;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            instance = Codec.named(codec);
            value = payload(payload);
            byte[] message = instance.encode(value);
            verifyRoundTrip(codec, payload, payload(payload), instance.decode(message));
            System.out.printf("%n[size] %s %s: %d bytes%n", codec, payload, message.length);
        }
    }

    @Benchmark
    public Object roundTrip(Candidate candidate) throws IOException, ClassNotFoundException {
        return candidate.instance.decode(candidate.instance.encode(candidate.value));
    }

    // ---- the floor for primitive arrays: a bulk copy each way ----

    /** One of the primitive arrays, for the copy by hand. */
    @State(Scope.Thread)
    public static class RawArray {

        @Param({"doubles1m", "longs1m"})
        public String payload;

        Object value;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            value = payload(payload);
            byte[] message = rawEncode(value);
            verifyRoundTrip("raw", payload, payload(payload), rawDecode(value, message));
            System.out.printf("%n[size] raw %s: %d bytes%n", payload, message.length);
        }
    }

    @Benchmark
    public Object rawRoundTrip(RawArray raw) {
        return rawDecode(raw.value, rawEncode(raw.value));
    }

    /** The array's elements, little-endian, and nothing else (its length is the message's). */
    static byte[] rawEncode(Object array) {
        return switch (array) {
            case double[] doubles -> {
                byte[] message = new byte[doubles.length * Double.BYTES];
                ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(doubles);
                yield message;
            }
            case long[] longs -> {
                byte[] message = new byte[longs.length * Long.BYTES];
                ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(longs);
                yield message;
            }
            default -> throw new IllegalArgumentException("not a double[] or a long[]: " + array.getClass().getName());
        };
    }

    /** An array of {@code like}'s type from {@code message}; the element type would be in a header. */
    static Object rawDecode(Object like, byte[] message) {
        return switch (like) {
            case double[] _ -> {
                double[] doubles = new double[message.length / Double.BYTES];
                ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(doubles);
                yield doubles;
            }
            case long[] _ -> {
                long[] longs = new long[message.length / Long.BYTES];
                ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(longs);
                yield longs;
            }
            default -> throw new IllegalArgumentException("not a double[] or a long[]: " + like.getClass().getName());
        };
    }
}
