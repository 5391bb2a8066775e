package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InterpretersTest {

    @Test
    void bothIsolatesAndTheCallerAreHeardOnce() throws Exception {
        List<String> heard = new ArrayList<>(Printed.of(Interpreters::run).result());
        heard.sort(null);
        assertEquals(List.of("hello from isolate a", "hello from isolate b", "hello from the caller"), heard);
    }
}
