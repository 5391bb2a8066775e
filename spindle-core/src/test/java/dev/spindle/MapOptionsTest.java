package dev.spindle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapOptionsTest {

    @Test
    void aBufferOfZeroIsRefusedWithTheValue() {
        assertEquals("inFlight must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withInFlight(0)).getMessage());
        assertEquals("chunkSize must be at least 1, was -2",
                assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withChunkSize(-2)).getMessage());
    }

    @Test
    void theDefaultBoundFollowsTheParallelism() {
        assertEquals(8, MapOptions.defaults().inFlight(2));
        assertEquals(MapOptions.MAX_DEFAULT_IN_FLIGHT, MapOptions.defaults().inFlight(Integer.MAX_VALUE));
        assertEquals(3, MapOptions.defaults().withInFlight(3).inFlight(Integer.MAX_VALUE));
        assertTrue(MapOptions.defaults().isChunkSizeAutomatic());
        assertEquals(5, MapOptions.defaults().withChunkSize(5).chunkSize());
        assertEquals("the chunk size is chosen by the pool as the map runs; see isChunkSizeAutomatic()",
                assertThrows(IllegalStateException.class, () -> MapOptions.defaults().chunkSize()).getMessage());
    }
}
