package dev.spindle.lab.strategy;

import dev.spindle.Pool;
import dev.spindle.cluster.Cluster;
import dev.spindle.cluster.Member;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code cluster} strategy's cluster: a member in the lab's JVM and a second in a JVM of its
 * own, joined on loopback, as two machines would be. The second member runs the lab's own class
 * path and is stopped when the pool closes; if the lab's JVM dies first, it follows.
 */
final class LoopbackCluster {

    private static final long START_SECONDS = 60;

    private LoopbackCluster() {}

    /** A pool of {@code workers} over the two members; closing it stops both. */
    static Pool open(int workers) {
        Cluster cluster = Cluster.builder().name("lab-" + ProcessHandle.current().pid()).start();
        try {
            startSecondMember(cluster);
            return cluster.poolOwningCluster(workers);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static void startSecondMember(Cluster cluster) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(Member.javaOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Member.class.getName(),
                "--join", cluster.address(), "--name", cluster.name(), "--leave-when-alone",
                "--exit-with", Long.toString(ProcessHandle.current().pid())));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the second cluster member", e);
        }
        StringBuilder said = new StringBuilder();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                said.append(line).append('\n');
                if (line.contains("is up")) {
                    Thread.ofPlatform().daemon().name("cluster-member-" + process.pid() + "-output").start(() -> drain(out));
                    cluster.onClose(() -> stop(process)); // the drain closes the stream
                    return;
                }
            }
        } catch (IOException e) {
            // the member ended: reported below
        }
        drain(out);
        process.destroyForcibly();
        waitQuietly(process);
        throw new IllegalStateException("the second cluster member did not start: " + said.toString().strip());
    }

    /** Reads the member's output until it ends, so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        try (out) {
            while (out.readLine() != null) {
                // what it says after it is up is of no use to the lab
            }
        } catch (IOException e) {
            // it exited
        }
    }

    /** SIGTERM, as Ctrl-C would: the member leaves and deletes its work directory. */
    private static void stop(Process process) {
        process.destroy();
        waitQuietly(process);
        if (process.isAlive()) {
            process.destroyForcibly();
            waitQuietly(process);
        }
    }

    private static void waitQuietly(Process process) {
        try {
            process.waitFor(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
