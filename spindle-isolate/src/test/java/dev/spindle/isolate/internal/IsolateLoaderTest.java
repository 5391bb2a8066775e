package dev.spindle.isolate.internal;

import dev.spindle.PoolContract;
import dev.spindle.Task;
import dev.spindle.isolate.fixtures.StaticCounter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which classes a worker's loader shares with the application, and which it loads again. */
class IsolateLoaderTest {

    @Test
    void coreAndTheJdkAreSharedAndEverythingElseIsLoadedAgain() throws Exception {
        try (IsolateLoader loader = new IsolateLoader("test", IsolateLoader.classPath(), getClass().getClassLoader(), List.of())) {
            assertSame(Task.class, loader.loadClass(Task.class.getName()), "core's own classes");
            assertSame(String.class, loader.loadClass("java.lang.String"));
            assertNotSame(StaticCounter.class, loader.loadClass(StaticCounter.class.getName()), "a user class");
            assertNotSame(PoolContract.class, loader.loadClass(PoolContract.class.getName()),
                    "a class in core's package but not core's own (the contract suite's, in core's test jar)");
            assertSame(loader, loader.loadClass(StaticCounter.class.getName()).getClassLoader());
        }
    }

    @Test
    void classesNamedSharedComeFromTheApplication() throws Exception {
        try (IsolateLoader loader = new IsolateLoader("test", IsolateLoader.classPath(), getClass().getClassLoader(),
                List.of("dev.spindle.isolate.fixtures."))) {
            assertSame(StaticCounter.class, loader.loadClass(StaticCounter.class.getName()));
        }
    }
}
