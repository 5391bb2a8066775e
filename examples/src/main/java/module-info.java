/**
 * The seeds' examples, written as idiomatic Java on Spindle: each returns its findings, and its
 * test asserts them. Run one with {@code ./spindle example NAME}.
 */
@SuppressWarnings("requires-automatic") // spindle-process is an automatic module (see its pom)
module dev.spindle.examples {
    requires transitive dev.spindle.core;
    requires dev.spindle.process;

    exports dev.spindle.examples;
}
