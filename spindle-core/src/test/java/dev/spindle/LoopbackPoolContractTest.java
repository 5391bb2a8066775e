package dev.spindle;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole contract against a backend that carries every task, result and exception as bytes,
 * as a worker-JVM or cluster backend will: what passes here does not depend on the task sharing
 * the test's memory. Then what only a serialising backend does: refuse at submission what it
 * cannot carry, and bring back what it can of a failure.
 */
class LoopbackPoolContractTest extends PoolContract {

    @Override
    protected Pool create(int workers) {
        return Pool.using(new LoopbackBackend(workers));
    }

    @Override
    public boolean tasksShareTheSubmittersMemory() {
        return false;
    }

    /** Refuses to be serialised, as a class that holds a resource declares it. */
    static final class OptedOutTask implements Task<String> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String call() {
            return "ran";
        }

        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            throw new NotSerializableException(getClass().getName());
        }
    }

    /** An exception that cannot cross a process boundary: it holds an object that does not serialise. */
    static final class UnserialisableException extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"}) // held to make serialisation fail, on purpose
        private final Object held = new Object();

        UnserialisableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Object throwUnserialisable() {
        throw new UnserialisableException("no way back", new IllegalArgumentException("the cause"));
    }

    @Test
    void workerCountMustBePositive() {
        assertEquals("workers must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new LoopbackBackend(0)).getMessage());
    }

    @Test
    void runsOnItsOwnNamedWorkers() throws Exception {
        Pool pool = pool(2);
        assertEquals("loopback(2)", pool.name());
        assertEquals(2, pool.parallelism());
        String worker = pool.submit(() -> Thread.currentThread().getName()).get(HANG_SECONDS, TimeUnit.SECONDS);
        assertTrue(worker.startsWith("spindle-loopback-"), worker);
    }

    @Test
    void aTaskWorksOnACopyOfWhatItCaptures() throws Exception {
        Pool pool = pool(1);
        ArrayList<String> captured = new ArrayList<>(List.of("submitter's"));
        assertEquals(2, pool.submit(() -> {
            captured.add("task's");
            return captured.size();
        }).get(HANG_SECONDS, TimeUnit.SECONDS));
        assertEquals(List.of("submitter's"), captured, "the task changed the submitter's object");
    }

    @Test
    void aTaskThatCapturesWhatCannotBeSerialisedIsRefusedAtSubmitNamingTheClass() {
        Pool pool = pool(2);
        CountDownLatch latch = new CountDownLatch(1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> pool.submit(latch::getCount));
        assertEquals("loopback(2) cannot carry the task: java.util.concurrent.CountDownLatch is not serialisable",
                refused.getMessage());
        assertInstanceOf(NotSerializableException.class, refused.getCause());
        assertEquals(7, pool.submit(() -> 7).join(), "the pool should go on after a refusal");
    }

    @Test
    void aTaskThatCannotBeSerialisedIsRefusedAtSubmitNamingTheClass() {
        Pool pool = pool(2);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> pool.submit(new OptedOutTask()));
        assertEquals("loopback(2) cannot carry the task: dev.spindle.LoopbackPoolContractTest$OptedOutTask is not serialisable",
                refused.getMessage());
    }

    @Test
    void aPlainRunnableGivenToTheExecutorViewIsRefusedAtSubmitNamingTheClass() {
        Pool pool = pool(2);
        Runnable plain = () -> {};
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> pool.asExecutorService().submit(plain));
        String message = refused.getMessage();
        assertTrue(message.startsWith("loopback(2) cannot carry the task: dev.spindle.LoopbackPoolContractTest$$Lambda")
                && message.endsWith(" is not serialisable"), message);
    }

    @Test
    void anExceptionThatCannotBeSerialisedArrivesAsRemoteTaskExceptionWithItsClassMessageAndTrace() {
        Pool pool = pool(2);
        CompletableFuture<Object> future = pool.submit(LoopbackPoolContractTest::throwUnserialisable);
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(HANG_SECONDS, TimeUnit.SECONDS));
        RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, thrown.getCause());
        assertEquals(UnserialisableException.class.getName(), remote.remoteClassName());
        assertEquals(UnserialisableException.class.getName() + ": no way back", remote.getMessage());
        StackTraceElement top = remote.getStackTrace()[0];
        assertEquals(LoopbackPoolContractTest.class.getName() + ".throwUnserialisable", top.getClassName() + "." + top.getMethodName());
        RemoteTaskException cause = assertInstanceOf(RemoteTaskException.class, remote.getCause());
        assertEquals("java.lang.IllegalArgumentException", cause.remoteClassName());
        assertEquals("java.lang.IllegalArgumentException: the cause", cause.getMessage());
        assertNull(cause.getCause());
    }

    @Test
    void aResultThatCannotBeSerialisedFailsTheFutureWithATransportError() throws Exception {
        Pool pool = pool(2);
        CompletableFuture<Object> future = pool.submit(Object::new);
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(HANG_SECONDS, TimeUnit.SECONDS));
        LoopbackBackend.TransportException error = assertInstanceOf(LoopbackBackend.TransportException.class, thrown.getCause());
        assertEquals("loopback(2) cannot carry the result of task 0 back: java.lang.Object is not serialisable", error.getMessage());
        assertEquals("next", pool.submit(() -> "next").get(HANG_SECONDS, TimeUnit.SECONDS), "the pool should go on");
    }
}
