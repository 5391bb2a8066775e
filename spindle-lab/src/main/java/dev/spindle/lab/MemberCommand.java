package dev.spindle.lab;

import dev.spindle.cluster.ClusterJoinException;
import dev.spindle.cluster.Member;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code spindle member}: a cluster member that serves until stopped ({@link Member}), with the
 * lab's class path, so that it runs the lab's workloads and the examples' tasks.
 */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = {"Starts a cluster member that runs the tasks sent to it until stopped (Ctrl-C).",
                "With --join it joins the cluster of the members at those addresses; without, it starts a cluster of its own.",
                "Run members only on a private network: a cluster has no authentication (docs/CLUSTER.md)."})
final class MemberCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--join", split = ",", paramLabel = "HOST:PORT", description = "Addresses of members to join, comma-separated.")
    List<String> join = new ArrayList<>();

    @Option(names = "--name", paramLabel = "CLUSTER", description = "The cluster's name; members of others are refused (default: spindle).")
    String name;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "The address to bind and announce (default: 127.0.0.1, loopback).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "The port others join this member on (default: 47500).")
    int port = 47_500;

    @Option(names = "--join-timeout", paramLabel = "SECONDS", description = "How long to try the addresses to join (default: 10).")
    Integer joinTimeout;

    @Option(names = "--log", description = "Print Apache Ignite's own log.")
    boolean log;

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>();
        if (!join.isEmpty()) {
            args.addAll(List.of("--join", String.join(",", join)));
        }
        if (name != null) {
            args.addAll(List.of("--name", name));
        }
        if (host != null) {
            args.addAll(List.of("--host", host));
        }
        args.addAll(List.of("--port", Integer.toString(port)));
        if (joinTimeout != null) {
            args.addAll(List.of("--join-timeout", joinTimeout.toString()));
        }
        if (log) {
            args.add("--log");
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            return Member.run(args.toArray(String[]::new), out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (ClusterJoinException | IllegalStateException e) {
            spec.commandLine().getErr().println("spindle member: " + e.getMessage());
            return 1;
        }
    }
}
