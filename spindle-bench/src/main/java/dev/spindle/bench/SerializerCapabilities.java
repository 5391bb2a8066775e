package dev.spindle.bench;

import dev.spindle.TaskFunction;
import dev.spindle.bench.SerializationBenchmark.Point;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What each serialiser of {@link SerializationBenchmark} can carry between a pool and its worker
 * JVMs, on the JDK it runs on and with no JVM flags: the pool can use only one that carries every
 * task, result and exception a user may give it.
 *
 * <p>Run it from the benchmark jar, with no flags:
 * <pre>{@code java -cp spindle-bench/target/benchmarks.jar dev.spindle.bench.SerializerCapabilities}</pre>
 * It prints, as Markdown, one row per kind of value and one column per candidate: {@code yes}
 * if the value came back whole, or {@code no} and what went wrong (the first line of the
 * exception, or what differed); then the encoded size of each of the benchmark's payloads.
 * The findings are returned by {@link #check} and {@link #sizes}, so a test can assert them.
 */
public final class SerializerCapabilities {

    private SerializerCapabilities() {
    }

    /** The candidates, by column: the benchmark's three, and Kryo with its own serialiser for exceptions. */
    static Map<String, Supplier<Codec>> candidates() {
        Map<String, Supplier<Codec>> candidates = new LinkedHashMap<>();
        candidates.put("jdk", () -> Codec.named("jdk"));
        candidates.put("kryo", () -> Codec.named("kryo"));
        candidates.put("kryo, Throwable by fields", () -> new Codec.KryoCodec(false));
        candidates.put("fory", () -> Codec.named("fory"));
        return candidates;
    }

    /** A task's own exception, with a field of its own. */
    static final class TaskFailedException extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        final int code;

        TaskFailedException(String message, Throwable cause, int code) {
            super(message, cause);
            this.code = code;
        }
    }

    /** A user class whose serial form is not its fields: a transient field rebuilt by {@code readObject}. */
    static final class Temperature implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final double celsius;
        private transient String text;

        Temperature(double celsius) {
            this.celsius = celsius;
            this.text = celsius + " °C";
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            text = celsius + " °C";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Temperature that && that.celsius == celsius && Objects.equals(that.text, text);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(celsius);
        }

        @Override
        public String toString() {
            return "Temperature(" + celsius + ", text " + text + ")";
        }
    }

    /**
     * One kind of value: how to make it, and what of it must come back, as named parts (for an
     * exception: its class, message, stack trace, and the same of its cause and suppressed).
     */
    record Check(String name, Supplier<Object> value, Function<Object, Map<String, String>> parts) {

        Check(String name, Supplier<Object> value) {
            this(name, value, whole -> Map.of("value", String.valueOf(whole)));
        }
    }

    static List<Check> checks() {
        return List.of(
                new Check("record", () -> new Point(3, 4, "origin+5")),
                new Check("list of records (`Stream.toList()`)", () -> SerializationBenchmark.payload("points100")),
                new Check("`double[]`", () -> SerializationBenchmark.payload("doubles1m"),
                        value -> Map.of("elements", value instanceof double[] doubles ? Arrays.toString(doubles) : String.valueOf(value))),
                new Check("lambda (`TaskFunction` capturing an int and a String)", () -> SerializationBenchmark.scaleAndLabel(7, "item-"),
                        value -> Map.of("answer", runLambda(value))),
                new Check("the task's own exception: a field, a cause, a suppressed, stack traces",
                        SerializerCapabilities::taskFailure, value -> throwableParts((Throwable) value)),
                new Check("`IllegalStateException` with its cause", () -> new IllegalStateException("bad state", new IOException("disk full")),
                        value -> throwableParts((Throwable) value)),
                new Check("`UncheckedIOException` with its cause", () -> new UncheckedIOException("write failed", new IOException("disk full")),
                        value -> throwableParts((Throwable) value)),
                new Check("class with a `readObject` (transient field rebuilt)", () -> new Temperature(21.5)),
                new Check("`UUID`", () -> UUID.nameUUIDFromBytes(new byte[] {1, 2, 3})),
                new Check("`Collections.unmodifiableList`", () -> Collections.unmodifiableList(new ArrayList<>(List.of(1, 2, 3)))),
                new Check("`Map.of`", () -> Map.of("a", 1, "b", 2)));
    }

    private static Object taskFailure() {
        TaskFailedException failure;
        try {
            failAtDepth(3);
            throw new AssertionError("failAtDepth returned");
        } catch (TaskFailedException e) {
            failure = e;
        }
        failure.addSuppressed(new IllegalStateException("cleanup failed too"));
        return failure;
    }

    private static void failAtDepth(int depth) throws TaskFailedException {
        if (depth > 0) {
            failAtDepth(depth - 1);
            return;
        }
        try {
            throw new IOException("disk full");
        } catch (IOException e) {
            throw new TaskFailedException("task 17 failed", e, 17);
        }
    }

    /** Class, message, own field, stack trace, cause and suppressed, in depth. */
    private static Map<String, String> throwableParts(Throwable thrown) {
        Map<String, String> parts = new LinkedHashMap<>();
        addParts(parts, "exception", thrown);
        return parts;
    }

    private static void addParts(Map<String, String> parts, String path, Throwable thrown) {
        if (thrown == null) {
            parts.put(path, "null");
            return;
        }
        parts.put(path + " class", thrown.getClass().getName());
        parts.put(path + " message", String.valueOf(thrown.getMessage()));
        if (thrown instanceof TaskFailedException failed) {
            parts.put(path + " code", String.valueOf(failed.code));
        }
        parts.put(path + " stack trace", thrown.getStackTrace().length + " frames " + Arrays.toString(Arrays.stream(thrown.getStackTrace())
                .map(frame -> frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber()).toArray()));
        addParts(parts, path + "'s cause", thrown.getCause());
        Throwable[] suppressed = thrown.getSuppressed();
        parts.put(path + " suppressed", suppressed.length + "");
        for (int i = 0; i < suppressed.length; i++) {
            addParts(parts, path + "'s suppressed " + i, suppressed[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static String runLambda(Object value) {
        try {
            return String.valueOf(((TaskFunction<Integer, ?>) value).apply(SerializationBenchmark.LAMBDA_INPUT));
        } catch (Exception e) {
            return "threw " + e;
        }
    }

    /** Check name to candidate to {@code yes}, or {@code no: } and why. */
    static Map<String, Map<String, String>> check() {
        Map<String, Map<String, String>> findings = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Codec>> candidate : candidates().entrySet()) {
            Codec codec = candidate.getValue().get();
            for (Check check : checks()) {
                findings.computeIfAbsent(check.name(), _ -> new LinkedHashMap<>())
                        .put(candidate.getKey(), attempt(codec, check));
            }
        }
        return findings;
    }

    private static String attempt(Codec codec, Check check) {
        Object original = check.value().get();
        Map<String, String> sent = check.parts().apply(original);
        Map<String, String> received;
        try {
            received = check.parts().apply(codec.decode(codec.encode(original)));
        } catch (Exception | StackOverflowError e) {
            return "no: " + e.toString().lines().findFirst().orElse("");
        }
        List<String> differences = new ArrayList<>();
        sent.forEach((part, value) -> {
            String back = received.getOrDefault(part, "missing");
            if (!value.equals(back)) {
                differences.add(part + " " + shorten(back) + ", sent " + shorten(value));
            }
        });
        return differences.isEmpty() ? "yes" : "no: " + String.join("; ", differences);
    }

    /** A stack trace by its frame count, anything else cut to 60 characters. */
    private static String shorten(String part) {
        int frames = part.indexOf(" frames ");
        if (frames > 0) {
            return part.substring(0, frames) + " frames";
        }
        return part.length() <= 60 ? part : part.substring(0, 57) + "...";
    }

    /** Payload to candidate (and {@code raw} for the arrays) to encoded bytes. */
    static Map<String, Map<String, Integer>> sizes() throws IOException {
        Map<String, Codec> codecs = new LinkedHashMap<>();
        for (String codec : List.of("jdk", "kryo", "fory")) {
            codecs.put(codec, Codec.named(codec));
        }
        Map<String, Map<String, Integer>> sizes = new LinkedHashMap<>();
        for (String payload : List.of("point", "points100", "doubles1m", "longs1m", "lambda")) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (Map.Entry<String, Codec> codec : codecs.entrySet()) {
                row.put(codec.getKey(), codec.getValue().encode(SerializationBenchmark.payload(payload)).length);
            }
            if (payload.endsWith("1m")) {
                row.put("raw", SerializationBenchmark.rawEncode(SerializationBenchmark.payload(payload)).length);
            }
            sizes.put(payload, row);
        }
        return sizes;
    }

    public static void main(String[] args) throws IOException {
        Map<String, Map<String, String>> findings = check();
        List<String> columns = List.copyOf(candidates().keySet());
        System.out.println();
        System.out.println("Runtime: " + Runtime.version() + ", no JVM flags");
        System.out.println();
        System.out.println("| value | " + String.join(" | ", columns) + " |");
        System.out.println("| --- |" + " --- |".repeat(columns.size()));
        findings.forEach((name, row) -> System.out.println("| " + name + " | "
                + String.join(" | ", columns.stream().map(column -> row.get(column).replace("|", "\\|")).toList()) + " |"));
        System.out.println();
        System.out.println("| payload | jdk B | kryo B | fory B | raw B |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        sizes().forEach((payload, row) -> System.out.println("| `" + payload + "` | " + row.get("jdk") + " | " + row.get("kryo")
                + " | " + row.get("fory") + " | " + (row.containsKey("raw") ? row.get("raw").toString() : "—") + " |"));
    }
}
