package dev.spindle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Core alone: a factory whose module is missing says which dependency to add. */
class ProvidersTest {

    @Test
    void processesWithoutItsModuleNamesTheDependencyToAdd() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> Pool.processes(2));
        assertEquals("no provider of processes pools was found: add the dependency dev.spindle:spindle-process"
                + " to the class path or module path", missing.getMessage());
    }
}
