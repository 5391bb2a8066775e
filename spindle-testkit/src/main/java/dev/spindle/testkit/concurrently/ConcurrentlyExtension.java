package dev.spindle.testkit.concurrently;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JUnit extension behind {@link Concurrently}: it takes over a test method's invocation and
 * runs the method itself on the threads that the settings ask for (see {@link ConcurrentRun}),
 * and it supplies {@link ConcurrentThread} and {@link Shared} parameters. Registered by the
 * annotation and, for the suite-wide setting, through JUnit's extension auto-detection (this
 * module's {@code junit-platform.properties} turns it on); a test that neither asks for it nor
 * falls under the suite-wide setting runs exactly as it would without it.
 *
 * <p>Without a concurrent run (a plain {@code @Test}), a {@link ConcurrentThread} parameter is the
 * only thread of one repetition, so the same body can be a single-threaded test as well.
 */
public final class ConcurrentlyExtension implements InvocationInterceptor, ParameterResolver {

    /** Made by JUnit. */
    public ConcurrentlyExtension() {}

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context) throws Throwable {
        intercept(invocation, call, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context) throws Throwable {
        intercept(invocation, call, context);
    }

    private static void intercept(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context) throws Throwable {
        Method method = call.getExecutable();
        Class<?> testClass = context.getRequiredTestClass();
        Optional<String> unsafe = notThreadSafe(method, testClass);
        if (unsafe.isPresent()) {
            if (context.getConfigurationParameter(ConcurrentSettings.SKIP_NOT_THREAD_SAFE, Boolean::parseBoolean).orElse(false)) {
                throw new TestAbortedException("skipped, not thread-safe: " + unsafe.get());
            }
            context.publishReportEntry("spindle.concurrently", "ran once, alone: not thread-safe: " + unsafe.get());
            invocation.proceed();
            return;
        }
        ConcurrentSettings settings;
        try {
            Optional<ConcurrentSettings> found = ConcurrentSettings.of(method, testClass, context::getConfigurationParameter);
            if (found.isEmpty() || !found.get().changesAnything()) {
                invocation.proceed();
                return;
            }
            settings = found.get();
            ConcurrentSettings.checkParameters(method, testClass);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        invocation.skip();
        new ConcurrentRun(settings, method, call.getTarget().orElse(null), call.getArguments()).run();
    }

    /** The reason a test may not run concurrently: a {@link NotThreadSafe} on it, its class, a parameter or a parameter's class. */
    static Optional<String> notThreadSafe(Method method, Class<?> testClass) {
        Optional<NotThreadSafe> found = AnnotationSupport.findAnnotation(method, NotThreadSafe.class)
                .or(() -> AnnotationSupport.findAnnotation(testClass, NotThreadSafe.class));
        for (Parameter parameter : method.getParameters()) {
            if (found.isPresent()) {
                break;
            }
            found = AnnotationSupport.findAnnotation(parameter, NotThreadSafe.class)
                    .or(() -> AnnotationSupport.findAnnotation(parameter.getType(), NotThreadSafe.class));
        }
        return found.map(NotThreadSafe::value);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConcurrentThread.class || parameter.isAnnotated(Shared.class);
    }

    /** Values for a run on one thread; a concurrent run replaces them with each thread's and each repetition's own. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == ConcurrentThread.class) {
            return new ConcurrentThread(0, 1, 1, 1, ThreadLocalRandom.current().nextLong(), new Meeting(1));
        }
        try {
            ConcurrentSettings.sharedConstructor(type, "parameter '" + parameter.getParameter().getName() + "'"); // a clear error if there is none
            return ReflectionSupport.newInstance(type);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }
}
