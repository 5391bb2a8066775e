package dev.spindle.bench;

import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.Member;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a member costs to start, each start measured once ({@code SingleShotTime}).
 *
 * <ul>
 *   <li>{@code embedded}: {@code Cluster.embedded()} and its close, in a JVM that has started one
 *       before (its classes loaded): what each {@code Pool.cluster(n)} after the first pays.</li>
 *   <li>{@code secondJvm}: a member in a JVM of its own, from the {@code java} command until it has
 *       joined the cluster of this JVM's member and said so: what {@code spindle member} costs.</li>
 * </ul>
 *
 * <pre>
 * java -jar spindle-bench/target/benchmarks.jar ClusterStartup
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 8)
public class ClusterStartup {

    private Cluster host;

    @Setup(Level.Trial)
    public void start() {
        host = Cluster.builder().name("startup").start();
    }

    @TearDown(Level.Trial)
    public void stop() {
        host.close();
    }

    @Benchmark
    public String embedded() {
        try (Cluster cluster = Cluster.embedded()) {
            return cluster.address();
        }
    }

    @Benchmark
    public String secondJvm() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(Member.javaOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Member.class.getName(),
                "--join", host.address(), "--name", "startup", "--exit-with", Long.toString(ProcessHandle.current().pid())));
        Process member = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("is up")) {
                    return line;
                }
            }
            throw new IllegalStateException("the member exited before it was up");
        } finally {
            member.destroy();
            member.waitFor();
        }
    }
}
