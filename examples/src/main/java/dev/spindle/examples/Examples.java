package dev.spindle.examples;

import java.util.List;
import java.util.Optional;

/** Every example, in the order a reader should meet them. */
public final class Examples {

    private Examples() {}

    /** All examples, in reading order. */
    public static List<Example> all() {
        return List.of();
    }

    /** The example with this name, if there is one. */
    public static Optional<Example> named(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
