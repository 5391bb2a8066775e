package dev.spindle.bench;

import dev.spindle.Pool;
import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.Member;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.lang.IgniteFuture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tiny tasks through a Spindle cluster pool against the same through Ignite's compute grid
 * directly, in the same run, on one member (this JVM) or two (this JVM and a second joined on
 * loopback). One operation is one task: {@value #BATCH} tasks are sent at once and all awaited, as
 * a client that submits asynchronously does (Ray's single-client async figure, 8,200 tasks/s,
 * measures the same).
 *
 * <pre>
 * java -jar spindle-bench/target/benchmarks.jar ClusterBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ClusterBenchmark {

    static final int BATCH = 1000;

    /** How many members: 1, this JVM; 2, this JVM and one on loopback. */
    @Param({"1", "2"})
    public int members;

    private Cluster cluster;
    private Process second;
    private Pool pool;
    private Ignite ignite;

    /** The raw Ignite task: a class, not a lambda, so that Ignite carries it without opening java.lang.invoke. */
    public static final class Tiny implements IgniteCallable<Integer> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Integer call() {
            return 42;
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        cluster = Cluster.builder().name("bench").start();
        if (members == 2) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
            command.addAll(Member.javaOptions());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Member.class.getName(),
                    "--join", cluster.address(), "--name", "bench", "--exit-with", Long.toString(ProcessHandle.current().pid())));
            second = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.contains("is up"); line = out.readLine()) {
                // starting
            }
            Thread.ofPlatform().daemon().start(() -> out.lines().forEach(line -> { }));
        }
        pool = cluster.pool(BATCH);
        ignite = Ignition.allGrids().getFirst(); // the one node of this JVM: the cluster's member
        pool.submit(() -> 1).get();
        ignite.compute(ignite.cluster().forServers()).call(new Tiny());
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        pool.close();
        cluster.close();
        if (second != null) {
            second.destroy();
            second.waitFor();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public int spindle() throws Exception {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            futures.add(pool.submit(() -> 42));
        }
        int sum = 0;
        for (CompletableFuture<Integer> f : futures) {
            sum += f.get();
        }
        return sum;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public int ignite() {
        var compute = ignite.compute(ignite.cluster().forServers());
        List<IgniteFuture<Integer>> futures = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            futures.add(compute.callAsync(new Tiny()));
        }
        int sum = 0;
        for (IgniteFuture<Integer> f : futures) {
            sum += f.get();
        }
        return sum;
    }

    /** One tiny task sent and awaited: the latency a map's automatic chunking plans with. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int roundTrip() throws Exception {
        return pool.submit(() -> 42).get();
    }

    /** The same through Ignite's compute grid directly. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int igniteRoundTrip() {
        return ignite.compute(ignite.cluster().forServers()).call(new Tiny());
    }
}
