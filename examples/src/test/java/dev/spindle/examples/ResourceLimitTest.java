package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceLimitTest {

    @Test
    void neverMoreThanTwoAtOnceAndAnExtraReleaseIsRefused() throws Exception {
        ResourceLimit.Limits limits = Printed.of(ResourceLimit::run).result();
        assertEquals(2, limits.permits());
        assertTrue(limits.mostAtOnce() >= 1 && limits.mostAtOnce() <= 2, "at most 2 at once, was " + limits.mostAtOnce());
        assertTrue(limits.overReleaseRefused(), "BoundedSemaphore accepted a release without an acquire");
        assertEquals(3, limits.jdkPermitsAfter());
    }
}
