package dev.spindle.testkit.concurrently;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test, a test class, or a fixture (a parameter, or the class of one) that must not run
 * on several threads: such a test runs once, on its own thread, whatever {@link Concurrently} or
 * the suite-wide setting says, and the reason is published with the test's report entries. On a
 * test or class it also holds JUnit's global resource lock, so no other test runs beside it
 * when JUnit runs tests in parallel. pytest-run-parallel's {@code thread_unsafe} marker.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ResourceLock(Resources.GLOBAL)
public @interface NotThreadSafe {

    /** Why: shown when the test runs, so that the next reader knows what to fix. */
    String value();
}
