package dev.spindle.cluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Another member in a JVM of its own, started from this test's class path with {@link Member}, as
 * a user starts one with {@code spindle member}. It follows this JVM ({@code --exit-with}), so a
 * test that dies leaves no member behind.
 */
final class MemberProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> output = new ArrayList<>(); // guarded by itself
    private final CompletableFuture<String> up = new CompletableFuture<>();

    private MemberProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("member-" + process.pid() + "-output").start(this::read);
    }

    /** What the member's JVM is given. */
    enum Jvm {
        /** This test's class path and the flags Ignite needs, as {@code spindle member} runs. */
        COMPLETE,
        /** Without the test classes: a member that lacks the application's classes. */
        WITHOUT_TEST_CLASSES,
        /** Without the flags Ignite needs. */
        WITHOUT_FLAGS
    }

    /** Starts a member with these arguments and waits until it says it is up. */
    static MemberProcess start(String... args) throws IOException, InterruptedException {
        return start(Jvm.COMPLETE, args);
    }

    /** Starts a member in such a JVM with these arguments and waits until it says it is up. */
    static MemberProcess start(Jvm jvm, String... args) throws IOException, InterruptedException {
        MemberProcess member = launch(jvm, args);
        try {
            member.up.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            member.close();
            throw new IllegalStateException("the member did not come up; it printed: " + member.output(), e);
        }
        return member;
    }

    /** Starts a member in such a JVM with these arguments and does not wait. */
    static MemberProcess launch(Jvm jvm, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        if (jvm != Jvm.WITHOUT_FLAGS) {
            command.addAll(List.of(System.getProperty("spindle.test.opens", "").split(" ")));
            command.removeIf(String::isBlank);
        }
        String classPath = System.getProperty("java.class.path");
        if (jvm == Jvm.WITHOUT_TEST_CLASSES) {
            classPath = Arrays.stream(classPath.split(File.pathSeparator)).filter(entry -> !entry.endsWith("test-classes"))
                    .collect(Collectors.joining(File.pathSeparator));
        }
        command.addAll(List.of(dev.spindle.cluster.internal.JvmFlags.QUIET_UNSAFE, "-Xmx256m", "-cp", classPath, Member.class.getName(),
                "--exit-with", Long.toString(ProcessHandle.current().pid())));
        command.addAll(List.of(args));
        return new MemberProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.contains("is up")) {
                    up.complete(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            up.completeExceptionally(new IllegalStateException("the member's output ended"));
        }
    }

    /** Everything the member printed so far. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Waits for the member to exit and returns its exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the member did not exit in " + timeout + "; it printed: " + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: the member vanishes without a word to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, and SIGKILL if it has not exited within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
