/**
 * The seeds' examples, written as idiomatic Java on Spindle: each returns its findings, and its
 * test asserts them. Run one with {@code ./spindle example NAME}.
 */
@SuppressWarnings("requires-automatic") // spindle-process and spindle-isolate are automatic modules (see their poms)
module dev.spindle.examples {
    requires transitive dev.spindle.core;
    requires dev.spindle.process;
    requires dev.spindle.isolate;

    exports dev.spindle.examples;
}
