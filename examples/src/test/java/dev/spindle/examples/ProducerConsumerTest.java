package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProducerConsumerTest {

    @Test
    void joinReturnsOnlyOnceEveryItemIsHandled() throws Exception {
        ProducerConsumer.Handled handled = Printed.of(ProducerConsumer::run).result();
        assertEquals(20, handled.handledAtJoin());
        assertEquals(20 * 21 * 41 / 6, handled.sumOfSquares()); // 1² + 2² + ... + 20²
        assertEquals(2, handled.perConsumer().size());
        assertEquals(20, handled.perConsumer().stream().mapToInt(Integer::intValue).sum());
    }
}
