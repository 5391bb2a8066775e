package dev.spindle.testkit.concurrently;

import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one test runs concurrently, from its {@link Concurrently} annotation (the method's, else
 * its class's) or from the suite-wide configuration parameters; validated here, in one place,
 * for both the discovery check and the run. The seed given by {@code spindle.concurrently.seed}
 * overrides the annotation's, so one failure can be replayed from the command line.
 *
 * @param threads        at least 1
 * @param repeats        at least 1
 * @param timeout        for one repetition, positive
 * @param virtualThreads whether the threads are virtual
 * @param perturb        names of classes (or packages, as {@code "com.example.*"}) whose code gets
 *                       perturbation points; empty for none
 * @param seed           the run's seed, if one was given
 */
record ConcurrentSettings(int threads, int repeats, Duration timeout, boolean virtualThreads, List<String> perturb, OptionalLong seed) {

    static final String PREFIX = "spindle.concurrently.";
    static final String THREADS = PREFIX + "threads";
    static final String REPEATS = PREFIX + "repeats";
    static final String TIMEOUT = PREFIX + "timeout";
    static final String PERTURB = PREFIX + "perturb";
    static final String SEED = PREFIX + "seed";
    static final String VIRTUAL = PREFIX + "virtual";
    static final String SKIP_NOT_THREAD_SAFE = PREFIX + "skip-not-thread-safe";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");

    ConcurrentSettings {
        perturb = List.copyOf(perturb);
    }

    /** Whether the body runs more than once, on more than one thread, or perturbed: whether this extension has work to do. */
    boolean changesAnything() {
        return threads > 1 || repeats > 1 || !perturb.isEmpty();
    }

    /**
     * The settings for {@code method} of {@code testClass}, or none when neither carries
     * {@link Concurrently} and the suite-wide threads parameter is not set.
     *
     * @param config reads a configuration parameter (JUnit's, which falls back to system properties)
     * @throws IllegalArgumentException naming the value, for a wrong annotation or parameter
     */
    static Optional<ConcurrentSettings> of(Method method, Class<?> testClass, Function<String, Optional<String>> config) {
        String where = testClass.getSimpleName() + "." + method.getName();
        OptionalLong seedOverride = config.apply(SEED).map(s -> OptionalLong.of(seed(SEED, s))).orElse(OptionalLong.empty());
        Optional<Concurrently> annotation = AnnotationSupport.findAnnotation(method, Concurrently.class)
                .or(() -> AnnotationSupport.findAnnotation(testClass, Concurrently.class));
        if (annotation.isPresent()) {
            Concurrently a = annotation.get();
            String at = "@Concurrently on " + where + ": ";
            return Optional.of(new ConcurrentSettings(
                    atLeastOne(at + "threads", a.threads()),
                    atLeastOne(at + "repeats", a.repeats()),
                    duration(at + "timeout", a.timeout()),
                    a.virtualThreads(),
                    Arrays.stream(a.perturb()).map(Class::getName).toList(),
                    seedOverride.isPresent() ? seedOverride
                            : a.seed().isBlank() ? OptionalLong.empty() : OptionalLong.of(seed(at + "seed", a.seed()))));
        }
        Optional<String> threads = config.apply(THREADS);
        if (threads.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConcurrentSettings(
                atLeastOne(THREADS, threads.get().strip().equals("auto") ? Runtime.getRuntime().availableProcessors() : whole(THREADS, threads.get())),
                atLeastOne(REPEATS, whole(REPEATS, config.apply(REPEATS).orElse("1"))),
                duration(TIMEOUT, config.apply(TIMEOUT).orElse("30s")),
                Boolean.parseBoolean(config.apply(VIRTUAL).orElse("false")),
                config.apply(PERTURB).map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList()).orElse(List.of()),
                seedOverride));
    }

    /**
     * Checks that the extension can supply {@code method}'s parameters on every thread: a
     * {@link ConcurrentThread} is each thread's, a {@link Shared} one needs a no-argument
     * constructor, and a bare primitive (an {@code int index}, say) is a mistake unless the test
     * is a template (parameterized, repeated) whose own extension supplies it.
     *
     * @throws IllegalArgumentException naming the parameter
     */
    static void checkParameters(Method method, Class<?> testClass) {
        String where = testClass.getSimpleName() + "." + method.getName();
        boolean template = AnnotationSupport.isAnnotated(method, org.junit.jupiter.api.TestTemplate.class);
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            String named = "parameter " + (parameter.isNamePresent() ? "" : (i + 1) + " ") + "'" + parameter.getType().getSimpleName()
                    + (parameter.isNamePresent() ? " " + parameter.getName() : "") + "' of " + where;
            boolean shared = parameter.isAnnotationPresent(Shared.class);
            if (parameter.getType() == ConcurrentThread.class) {
                if (shared) {
                    throw new IllegalArgumentException(named + " cannot be @Shared: a ConcurrentThread is each thread's own");
                }
            } else if (shared) {
                sharedConstructor(parameter.getType(), named);
            } else if (parameter.getType().isPrimitive() && parameter.getAnnotations().length == 0 && !template) {
                throw new IllegalArgumentException(named + " cannot be supplied on each thread: take a ConcurrentThread"
                        + " parameter and ask it for index(), seed() or random()");
            }
        }
    }

    /** The no-argument constructor of a {@link Shared} parameter's type. */
    static Constructor<?> sharedConstructor(Class<?> type, String named) {
        if (type.isPrimitive() || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(named + " is @Shared, but " + type.getName() + " cannot be made: it is not a concrete class");
        }
        try {
            return type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(named + " is @Shared, but " + type.getName() + " has no constructor without parameters", e);
        }
    }

    private static int atLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
        return value;
    }

    private static int whole(String what, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static long seed(String what, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number (a seed printed by a failure), was '" + value + "'", e);
        }
    }

    private static Duration duration(String what, String value) {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(what + " must be a positive duration such as 500ms, 30s or 2m, was '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
