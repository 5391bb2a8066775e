/**
 * JMH microbenchmarks of Spindle against the raw JDK. Not a library: the module builds one
 * runnable jar and nothing depends on it.
 *
 * <ul>
 *   <li>{@link dev.spindle.bench.DispatchBenchmark}: tiny-task throughput of each in-JVM pool
 *       against the JDK executor it wraps, and of {@code map} against chunks submitted by
 *       hand.</li>
 *   <li>{@link dev.spindle.bench.CheckpointBenchmark}: what the lab's GIL checkpoint costs a hot
 *       loop when no GIL is installed.</li>
 *   <li>{@link dev.spindle.bench.SerializationBenchmark}: the JDK's serialisation against Kryo and
 *       Fory (and a bulk copy for primitive arrays), for the worker-JVM pool; with
 *       {@link dev.spindle.bench.SerializerCapabilities}, which checks what each can carry.</li>
 * </ul>
 *
 * <p>Build and run from the repository root:
 * <pre>
 * ./mvnw -q -DskipTests package -pl spindle-bench -am
 * java -jar spindle-bench/target/benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 2s DispatchBenchmark
 * </pre>
 * Add {@code -prof gc} for the bytes allocated per operation. {@code docs/BENCHMARKS.md} holds the
 * figures and the command behind each.
 */
package dev.spindle.bench;
