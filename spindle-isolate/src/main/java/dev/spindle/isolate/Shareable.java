package dev.spindle.isolate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The values that may cross between isolates by {@link Isolate#prepareMain} and
 * {@link IsolateChannel}: Python's shareable objects, in Java. Every one is a JDK type (one class
 * for all loaders) that is immutable or copied on the way:
 * {@code null}, {@code String}, {@code Boolean}, {@code Character}, the boxed numbers,
 * {@code BigInteger}, {@code BigDecimal}, {@code byte[]} (copied), a {@code List} of shareable
 * values (copied into an unmodifiable list, like a tuple), and {@link IsolateChannel} itself.
 */
final class Shareable {

    private Shareable() {}

    /**
     * The value as it crosses: itself, or a copy.
     *
     * @throws IllegalArgumentException naming the class of the first value that is not shareable
     */
    static Object crossing(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Character c -> c;
            case Byte b -> b;
            case Short s -> s;
            case Integer i -> i;
            case Long l -> l;
            case Float f -> f;
            case Double d -> d;
            case BigInteger b -> b;
            case BigDecimal b -> b;
            case byte[] bytes -> bytes.clone();
            case IsolateChannel<?> channel -> channel;
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                for (Object item : list) {
                    copy.add(crossing(item));
                }
                yield java.util.Collections.unmodifiableList(copy);
            }
            default -> throw new IllegalArgumentException(value.getClass().getName() + " cannot cross between isolates: share"
                    + " strings, numbers, booleans, characters, byte arrays, lists of these, or channels");
        };
    }
}
