package dev.spindle.testkit.concurrently;

import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Checks every discovered test method's {@link Concurrently} settings and parameters when the
 * tests are discovered, before any runs: a wrong value stops the launch with a message that
 * names it, rather than a test that runs once as if nothing were asked. Registered with JUnit's
 * launcher through the service loader; it never filters anything out.
 */
@SuppressWarnings("exports") // made by the launcher, which reads its own module
public final class ConcurrentlyDiscoveryCheck implements PostDiscoveryFilter {

    /** Made by the JUnit launcher. */
    public ConcurrentlyDiscoveryCheck() {}

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (descriptor.getSource().orElse(null) instanceof MethodSource source) {
            Method method;
            try {
                method = source.getJavaMethod();
            } catch (RuntimeException e) {
                return FilterResult.included("not a Java method");
            }
            Class<?> testClass = source.getJavaClass();
            try {
                Optional<ConcurrentSettings> settings = ConcurrentSettings.of(method, testClass, name -> Optional.ofNullable(System.getProperty(name)));
                if (settings.isPresent() && ConcurrentlyExtension.notThreadSafe(method, testClass).isEmpty()) {
                    ConcurrentSettings.checkParameters(method, testClass);
                }
            } catch (IllegalArgumentException e) {
                throw new PreconditionViolationException(e.getMessage(), e);
            }
        }
        return FilterResult.included("concurrency settings checked");
    }
}
