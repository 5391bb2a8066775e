/**
 * The seeds' examples, written as idiomatic Java on Spindle: each returns its findings, and its
 * test asserts them. Run one with {@code ./spindle example NAME}.
 */
module dev.spindle.examples {
    requires transitive dev.spindle.core;

    exports dev.spindle.examples;
}
