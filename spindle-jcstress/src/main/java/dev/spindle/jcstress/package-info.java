/**
 * jcstress tests of what in Spindle is lock-free or racy by design. Not a library and not in the
 * default build: the module exists only under the {@code jcstress} Maven profile, builds one
 * runnable jar, and nothing depends on it.
 *
 * <ul>
 *   <li>{@link dev.spindle.jcstress.sync}: {@code BoundedSemaphore}, {@code Event} and
 *       {@code WorkQueue}.</li>
 *   <li>{@link dev.spindle.jcstress.pool}: one task's life cycle in a pool (a worker starting
 *       and finishing it against {@code cancel} and {@code closeNow}), and submissions racing
 *       {@code closeNow}; through the public API and the backend SPI only.</li>
 * </ul>
 *
 * <p>Each test names its outcomes: {@code ACCEPTABLE} for what the contract allows,
 * {@code ACCEPTABLE_INTERESTING} for legal but rare interleavings, {@code FORBIDDEN} for the
 * rest, with a default {@code FORBIDDEN} outcome so nothing unforeseen passes. Blocking calls are
 * bounded or run in jcstress's termination mode, so a lost wake-up is a result, not a hung run.
 *
 * <p>Build and run from the repository root (a quick run takes about a quarter of an hour on 2
 * cores; the test results and the HTML report stay under {@code target}):
 * <pre>
 * ./mvnw -Pjcstress -pl spindle-jcstress -am package -DskipTests
 * (cd spindle-jcstress/target &amp;&amp; java -jar jcstress.jar -m quick -jvmArgsPrepend --enable-native-access=ALL-UNNAMED)
 * </pre>
 * {@code -t RegExp} selects tests ({@code -t PoolJobStress}), {@code -m sanity} only checks that
 * each runs. The {@code -jvmArgsPrepend} flag silences the JDK's warning about JNA, which jcstress
 * uses in each forked JVM to pin threads to CPUs. A test with three actors needs three CPUs;
 * jcstress does not schedule it on fewer. {@code docs/BENCHMARKS.md} records the last run.
 */
package dev.spindle.jcstress;
