package dev.spindle;

import dev.spindle.structured.GroupFailedException;
import dev.spindle.sync.WorkQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Spindle's public exceptions cross a process (a worker JVM, a remote caller) by Java
 * serialisation, as every {@link Throwable} may: each must arrive whole.
 */
class ExceptionSerializationTest {

    @Test
    void aRemoteCopyKeepsClassesMessagesTracesCausesAndSuppressedAndCutsACycle() {
        IllegalStateException top = new IllegalStateException("top");
        IOException cause = new IOException("cause");
        ArithmeticException suppressed = new ArithmeticException("suppressed");
        top.initCause(cause);
        top.addSuppressed(suppressed);
        cause.initCause(top); // a cycle: top -> cause -> top
        RemoteTaskException copy = RemoteTaskException.copyOf(top);
        org.junit.jupiter.api.Assertions.assertEquals("java.lang.IllegalStateException: top", copy.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(top.getStackTrace(), copy.getStackTrace());
        RemoteTaskException copiedCause = assertInstanceOf(RemoteTaskException.class, copy.getCause());
        org.junit.jupiter.api.Assertions.assertEquals("java.io.IOException", copiedCause.remoteClassName());
        org.junit.jupiter.api.Assertions.assertNull(copiedCause.getCause(), "the cycle is cut where it closes");
        org.junit.jupiter.api.Assertions.assertEquals("java.lang.ArithmeticException: suppressed", copy.getSuppressed()[0].getMessage());
    }

    @Test
    void aGroupFailedExceptionKeepsItsFailuresCauseAndSuppressed() throws Exception {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        GroupFailedException copy = roundTrip(new GroupFailedException("taskgroup-1", List.of(first, second)));
        assertEquals("taskgroup-1: 2 subtasks failed, first java.io.IOException: first", copy.getMessage());
        assertEquals(List.of("java.io.IOException: first", "java.lang.IllegalStateException: second"),
                copy.failures().stream().map(Throwable::toString).toList());
        assertSame(copy.failures().getFirst(), copy.getCause());
        assertEquals(copy.failures(), List.of(copy.getSuppressed()));
        assertThrows(UnsupportedOperationException.class, () -> copy.failures().add(second));
    }

    /** An exception, and what of its own, beyond what every throwable carries, must survive. */
    record Case(String name, Throwable thrown, Function<Throwable, Object> own) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> publicExceptions() {
        IOException cause = new IOException("disk full");
        return Stream.of(
                new Case("MapFailedException", new MapFailedException(7, cause), e -> ((MapFailedException) e).index()),
                new Case("DeadlineExceededException", new DeadlineExceededException("taskgroup-1", Duration.ofMillis(5)), e -> ""),
                new Case("PoolClosedException", new PoolClosedException("threads(2)"), e -> ""),
                new Case("RemoteTaskException", new RemoteTaskException("com.example.Boom", "boom",
                        new StackTraceElement[] {new StackTraceElement("com.example.Worker", "run", "Worker.java", 42)}),
                        e -> ((RemoteTaskException) e).remoteClassName()),
                new Case("WorkQueue.ShutDownException", shutDownException(), e -> ""),
                new Case("GroupFailedException", new GroupFailedException("taskgroup-1", List.of(cause, new IllegalStateException("second"))),
                        e -> ((GroupFailedException) e).failures().stream().map(ExceptionSerializationTest::describe).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicExceptions")
    void survivesARoundTrip(Case exception) throws Exception {
        Throwable copy = roundTrip(exception.thrown());
        assertEquals(describe(exception.thrown()), describe(copy));
        assertEquals(exception.own().apply(exception.thrown()), exception.own().apply(copy));
    }

    private static WorkQueue.ShutDownException shutDownException() {
        WorkQueue<String> queue = new WorkQueue<>();
        queue.shutdown();
        return assertThrows(WorkQueue.ShutDownException.class, () -> queue.offer("late"));
    }

    /** What every throwable carries: class, message, stack trace, cause and suppressed, in depth. */
    private static String describe(Throwable t) {
        if (t == null) {
            return "none";
        }
        return t + " at " + Arrays.toString(t.getStackTrace()) + ", caused by (" + describe(t.getCause()) + "), suppressing "
                + Arrays.stream(t.getSuppressed()).map(ExceptionSerializationTest::describe).toList();
    }

    private static <T extends Throwable> T roundTrip(T thrown) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(thrown);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Object copy = in.readObject();
            @SuppressWarnings("unchecked")
            T typed = (T) assertInstanceOf(thrown.getClass(), copy);
            return typed;
        }
    }
}
