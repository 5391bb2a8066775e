package dev.spindle.testkit.concurrently;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test's body on {@link #threads()} threads at once, released together by a start
 * barrier, {@link #repeats()} times over: pytest-run-parallel's idea for JUnit 5, with seeded
 * perturbation that makes races likely rather than merely possible.
 *
 * <pre>{@code
 * @Test
 * @Concurrently(threads = 4, repeats = 100, perturb = Counter.class)
 * void incrementsAreNotLost(@Shared Counter counter, ConcurrentThread thread) throws Exception {
 *     for (int i = 0; i < 1_000; i++) {
 *         counter.increment();
 *     }
 *     thread.awaitOthers();                                  // every thread has counted
 *     assertEquals(thread.threads() * 1_000L, counter.get());
 * }
 * }</pre>
 *
 * <h2>What is shared, what is each thread's</h2>
 * JUnit makes one test instance and runs {@code @BeforeEach} and {@code @AfterEach} once, around
 * all repetitions: the instance's fields are shared by every thread and every repetition. A
 * parameter of type {@link ConcurrentThread} is each thread's own (its index, its seed, its
 * random generator); a parameter marked {@link Shared} is made afresh for each repetition and
 * handed to all its threads; any other parameter is resolved once by JUnit and shared.
 *
 * <h2>Failures</h2>
 * A failure on any thread fails the test, naming the thread, the repetition and the seed; the
 * other threads' failures are attached as suppressed. Every thread is joined. A repetition
 * that runs past {@link #timeout()} fails with a dump of every thread and, when there is one, the
 * deadlock cycle: which thread waits for which lock held by which thread.
 *
 * <h2>The whole suite</h2>
 * The configuration parameter (or system property) {@code spindle.concurrently.threads} applies
 * this to every test that is not annotated, as {@code pytest --parallel-threads} does (a count,
 * or {@code auto} for one thread per core); {@code spindle.concurrently.repeats}, {@code .timeout},
 * {@code .virtual}, {@code .perturb} (class names, or packages as {@code com.example.*}) and
 * {@code .seed} go with it. Tests marked {@link NotThreadSafe} run once, alone, or are skipped
 * with {@code spindle.concurrently.skip-not-thread-safe=true}.
 *
 * <p>On a class, applies to each of its test methods; an annotation on a method overrides it.
 * Wrong values (a count below 1, a timeout of zero, a parameter that cannot be supplied) are
 * reported when the tests are discovered, naming the value.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ConcurrentlyExtension.class)
public @interface Concurrently {

    /** How many threads run the body at once; at least 1. */
    int threads() default 4;

    /** How many times the threads run it, one repetition after another; at least 1. */
    int repeats() default 1;

    /**
     * How long one repetition may take before it fails with a thread dump: a positive number
     * with the unit {@code ms}, {@code s} or {@code m}, such as {@code "500ms"} or {@code "30s"}.
     */
    String timeout() default "30s";

    /** Whether the threads are virtual threads rather than platform threads. */
    boolean virtualThreads() default false;

    /**
     * Classes whose code gets perturbation points: before each field access, each call and each
     * {@code monitorenter}, a thread of the test may yield or pause, as its seeded random
     * generator decides. Empty: no perturbation. See {@link Perturbation}.
     */
    Class<?>[] perturb() default {};

    /**
     * The seed of the threads' random generators and of the perturbation, to replay a failure
     * (its message prints the seed); empty: a fresh seed for every run.
     */
    String seed() default "";
}
