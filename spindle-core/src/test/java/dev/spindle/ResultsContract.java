package dev.spindle;

import dev.spindle.testkit.SharedGate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.spindle.PoolFixture.assertThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The contract, part one: a task's result or exception is what its future holds. */
public interface ResultsContract extends PoolFixture {

    private static Object throwBoom() {
        throw new IllegalStateException("boom");
    }

    private static Object throwDiskError() throws IOException {
        throw new IOException("disk");
    }

    @Test
    default void submitReturnsTheTaskResult() throws Exception {
        Pool pool = pool(2);
        assertEquals(42, pool.submit(() -> 6 * 7).get(HANG_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    default void aNullResultIsAResult() throws Exception {
        Pool pool = pool(2);
        assertNull(pool.submit(() -> null).get(HANG_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    default void theTaskExceptionIsTheFutureCause() {
        Pool pool = pool(2);
        CompletableFuture<Object> future = pool.submit(ResultsContract::throwBoom);
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertThrownBy(IllegalStateException.class, "boom", ResultsContract.class, "throwBoom", thrown.getCause());
    }

    @Test
    default void theTaskExceptionIsTheVeryObjectThrown() {
        assumeTrue(tasksShareTheSubmittersMemory(), "a task in another memory throws a copy");
        Pool pool = pool(2);
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Object> future = pool.submit(() -> {
            throw boom;
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertSame(boom, thrown.getCause());
    }

    @Test
    default void aCheckedExceptionIsTheFutureCauseToo() {
        Pool pool = pool(2);
        CompletableFuture<Object> future = pool.submit(ResultsContract::throwDiskError);
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(HANG_SECONDS, TimeUnit.SECONDS));
        assertThrownBy(IOException.class, "disk", ResultsContract.class, "throwDiskError", thrown.getCause());
    }

    @Test
    default void runCompletesWithNullAfterTheAction() throws Exception {
        Pool pool = pool(2);
        SharedGate ran = shared().gate("ran");
        assertNull(pool.run(ran::open).get(HANG_SECONDS, TimeUnit.SECONDS));
        assertTrue(ran.isOpen());
    }

    @Test
    default void nullArgumentsAreRefusedWithTheirName() {
        Pool pool = pool(2);
        assertEquals("task", assertThrows(NullPointerException.class, () -> pool.submit(null)).getMessage());
        assertEquals("action", assertThrows(NullPointerException.class, () -> pool.run(null)).getMessage());
        assertEquals("inputs", assertThrows(NullPointerException.class, () -> pool.map(x -> x, (List<Integer>) null)).getMessage());
        assertEquals("fn", assertThrows(NullPointerException.class, () -> pool.map(null, List.of(1))).getMessage());
        assertEquals("listener", assertThrows(NullPointerException.class, () -> pool.listen(null)).getMessage());
    }
}
