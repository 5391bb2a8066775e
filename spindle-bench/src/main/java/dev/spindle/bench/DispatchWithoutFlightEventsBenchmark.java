package dev.spindle.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link DispatchBenchmark} with Spindle's flight-recorder probes compiled away
 * ({@code -Dspindle.jfr.events=false}): run beside it, the difference of each Spindle benchmark is
 * what the probes cost when no recording listens, on tiny tasks where it shows most.
 *
 * <pre>
 * java -jar spindle-bench/target/benchmarks.jar -f 3 'Dispatch(WithoutFlightEvents)?Benchmark.(threads|forkJoin)Spindle$'
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dspindle.jfr.events=false"})
public class DispatchWithoutFlightEventsBenchmark extends DispatchBenchmark {
}
