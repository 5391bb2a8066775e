package dev.spindle.examples;

import dev.spindle.structured.Subtask;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class StructuredGatherTest {

    @Test
    void gatherKeepsTaskOrderAndAFailureCancelsTheWaitingSibling() throws Exception {
        StructuredGather.Outcomes outcomes = Printed.of(StructuredGather::run).result();
        assertEquals(List.of("file 1", "file 2", "file 3"), outcomes.downloads());
        assertInstanceOf(IOException.class, outcomes.failure());
        assertEquals("connection refused", outcomes.failure().getMessage());
        assertEquals(Subtask.State.CANCELLED, outcomes.siblingState());
    }
}
