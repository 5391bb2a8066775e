package dev.spindle.cluster;

import dev.spindle.cluster.internal.JvmFlags;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A member that only serves: it joins (or starts) a cluster and runs the tasks and holds the data
 * sent to it until it is stopped (Ctrl-C, SIGTERM) or, with {@code --exit-with}, until the process
 * it follows ends, or with {@code --leave-when-alone}, until every other member has left. The
 * lab's {@code spindle member} runs this; so can any JVM with the application's classes on its
 * class path:
 *
 * <pre>
 * java --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
 *      --add-opens=java.base/java.util=ALL-UNNAMED \
 *      -cp app.jar:libs/* dev.spindle.cluster.Member --join 10.0.0.5:47500 --host 10.0.0.6
 * </pre>
 */
public final class Member {

    static final String USAGE = "usage: Member [--join HOST:PORT[,HOST:PORT...]] [--name CLUSTER] [--host ADDRESS] [--port PORT]"
            + " [--join-timeout SECONDS] [--exit-with PID] [--leave-when-alone] [--log]";

    private Member() {}

    /**
     * The options the {@code java} command of a member needs before its class path: the
     * {@code --add-opens} flags Ignite needs on this JDK, and the one that quiets JDK 25's warning
     * about Ignite's use of {@code sun.misc.Unsafe}. For programs that start members.
     */
    public static List<String> javaOptions() {
        List<String> options = new ArrayList<>(JvmFlags.required());
        options.add(JvmFlags.QUIET_UNSAFE);
        return List.copyOf(options);
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            System.exit(run(args, new PrintWriter(System.out, true)));
        } catch (IllegalArgumentException e) {
            System.err.println("spindle member: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (ClusterJoinException | IllegalStateException e) {
            System.err.println("spindle member: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts the member from these arguments, says so on {@code out}, and serves until stopped.
     *
     * @return the exit code
     * @throws IllegalArgumentException for a malformed argument, naming it
     * @throws ClusterJoinException     if the member cannot start or join
     */
    public static int run(String[] args, PrintWriter out) throws InterruptedException {
        Cluster.Builder builder = Cluster.builder();
        Optional<ProcessHandle> follow = Optional.empty();
        List<String> join = new ArrayList<>();
        boolean leaveWhenAlone = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--log")) {
                builder.logging(true);
                continue;
            }
            if (option.equals("--leave-when-alone")) {
                leaveWhenAlone = true;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unexpected argument '" + option + "'");
            }
            String value = args[++i];
            switch (option) {
                case "--join" -> join.addAll(List.of(value.split(",")));
                case "--name" -> builder.name(value);
                case "--host" -> builder.host(value);
                case "--port" -> builder.port(number(option, value));
                case "--join-timeout" -> builder.joinTimeout(Duration.ofSeconds(number(option, value)));
                case "--exit-with" -> {
                    long pid = number(option, value);
                    follow = Optional.of(ProcessHandle.of(pid).orElseThrow(() ->
                            new IllegalArgumentException("--exit-with " + pid + ": no such process")));
                }
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        builder.join(join.toArray(String[]::new));
        CountDownLatch stop = new CountDownLatch(1);
        try (Cluster cluster = builder.start()) {
            // SIGTERM and Ctrl-C: the JVM halts once its hooks return, so the hook itself leaves the cluster
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(cluster::close));
            follow.ifPresent(p -> p.onExit().thenRun(stop::countDown));
            out.printf("member %s of cluster '%s' is up; members: %s%n", cluster.address(), cluster.name(), String.join(", ", cluster.members()));
            out.flush();
            if (leaveWhenAlone) {
                // a member started for one job: once the others have gone, nobody needs it
                while (!stop.await(500, TimeUnit.MILLISECONDS) && cluster.members().size() > 1) {
                    // still in company
                }
                out.printf("member %s leaves: %s%n", cluster.address(), stop.getCount() == 0 ? "stopped" : "no other member is left");
            } else {
                stop.await();
            }
        }
        return 0;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, was '" + value + "'", e);
        }
    }
}
