package dev.spindle.internal;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeoutsTest {

    @Test
    void aTimeoutTooLongForNanosecondsSaturates() {
        assertEquals(Long.MAX_VALUE, Timeouts.toNanosSaturated(Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(Long.MAX_VALUE, Timeouts.toNanosSaturated(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
        assertEquals(Long.MAX_VALUE, Timeouts.toNanosSaturated(Duration.ofSeconds(9_223_372_036L, 854_775_808)));
    }

    @Test
    void aTimeoutThatFitsIsExact() {
        assertEquals(Long.MAX_VALUE, Timeouts.toNanosSaturated(Duration.ofNanos(Long.MAX_VALUE)));
        assertEquals(1_500_000_000L, Timeouts.toNanosSaturated(Duration.ofMillis(1_500)));
        assertEquals(1, Timeouts.toNanosSaturated(Duration.ofNanos(1)));
    }

    @Test
    void aZeroOrNegativeTimeoutIsZero() {
        assertEquals(0, Timeouts.toNanosSaturated(Duration.ZERO));
        assertEquals(0, Timeouts.toNanosSaturated(Duration.ofNanos(-1)));
        assertEquals(0, Timeouts.toNanosSaturated(Duration.ofSeconds(Long.MIN_VALUE)));
    }

    @Test
    void theTimeLeftOfAForeverTimeoutDoesNotOverflow() {
        long start = System.nanoTime();
        assertTrue(Timeouts.remainingNanos(start, Long.MAX_VALUE) > 0);
        assertTrue(Timeouts.remainingNanos(start, 0) <= 0);
    }

    @Test
    void theModuleDoesNotExportThisPackage() throws URISyntaxException {
        Path classes = Path.of(Timeouts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor core = ModuleFinder.of(classes).find("dev.spindle.core").map(ModuleReference::descriptor).orElseThrow();
        Set<String> exported = core.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("dev.spindle", "dev.spindle.spi", "dev.spindle.sync", "dev.spindle.structured", "dev.spindle.cache"), exported);
        assertTrue(core.packages().contains(Timeouts.class.getPackageName()));
    }
}
