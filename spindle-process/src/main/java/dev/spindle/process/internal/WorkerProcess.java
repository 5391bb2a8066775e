package dev.spindle.process.internal;

import dev.spindle.process.WorkerStartException;
import dev.spindle.spi.Job;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM, seen from its pool: how it is started and greeted, how its frames are read and
 * written, and how its end is told. Where it stands in the pool's schedule (idle, running a job,
 * in reserve, stopping) is the {@link ProcessBackend}'s to keep, in the fields marked
 * "guarded by the backend's lock".
 *
 * <h2>Start</h2>
 * The pool binds a Unix domain socket for this worker alone in its private directory, launches
 * the JVM with the socket's path, its name and a random token in its environment, and accepts one
 * connection. The socket is closed and removed as soon as the worker has connected, or when the
 * process exits first (a JVM that refuses an option never connects), or at the handshake deadline.
 * The worker's HELLO must carry the token and the pid of the process the pool launched. Then the
 * pool sends WELCOME with the initializer, and the worker answers READY or REFUSED.
 */
final class WorkerProcess {

    /** How long a worker may take from launch to READY, initializer included. */
    static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(120);

    /** How long a worker may take to exit once its connection has ended, before it is killed. */
    private static final long EXIT_WAIT_MILLIS = 2_000;

    final String name;
    private final Path socket;
    private final String token;
    private Process process;            // set in start, before any other thread sees this worker's frames
    private OutputTail output;         // likewise
    private SocketChannel channel;     // likewise
    private Wire.Writer writer;        // likewise
    private Wire.Reader reader;        // read by this worker's reader thread alone

    // Guarded by the backend's lock.
    boolean counted;                   // one of the pool's workers, not one in reserve
    boolean ready;                     // READY received
    boolean stopping;                  // the pool asked it to stop, or killed it on purpose
    boolean timedOut;                  // killed because its job ran past the time limit
    boolean ended;                     // its connection ended, or it never started
    Job current;                       // the job it runs, or is about to
    boolean jobStarted;                // current has been started (Job.start returned true)
    boolean cancelSent;                // a CANCEL for current has gone out
    ScheduledFuture<?> deadline;       // the current job's time limit
    int tasksRun;
    private int exitCode = -1;         // set by awaitEnd

    WorkerProcess(String name, Path directory, String token) {
        this.name = name;
        this.socket = directory.resolve(name + ".sock");
        this.token = token;
    }

    /** {@code process-3 (pid 4711)}: the worker as events and errors name it. */
    String label() {
        Process started = process;
        return started == null ? name : name + " (pid " + started.pid() + ")";
    }

    /**
     * Launches the JVM and greets it; returns once it is READY.
     *
     * @throws WorkerStartException with the JVM's output if it exits, refuses or stalls first
     */
    void start(List<String> command, int maxMessage, byte[] initializer) throws InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> environment = builder.environment();
            environment.put(WorkerMain.SOCKET, socket.toString());
            environment.put(WorkerMain.TOKEN, token);
            environment.put(WorkerMain.NAME, name);
            environment.put(WorkerMain.MAX_MESSAGE, Integer.toString(maxMessage));
            process = builder.start();
            output = new OutputTail(name, process);
            process.onExit().thenRun(() -> closeQuietly(server));
            ScheduledFuture<?> stall = Timer.schedule(() -> {
                closeQuietly(server);
                process.destroyForcibly();
            }, HANDSHAKE_DEADLINE);
            try {
                channel = server.accept();
                writer = new Wire.Writer(channel);
                reader = new Wire.Reader(channel, maxMessage + 64);
                greet(initializer);
            } finally {
                stall.cancel(false);
            }
        } catch (IOException | RuntimeException e) {
            throw startFailure(e);
        } finally {
            deleteQuietly(socket);
        }
    }

    private void greet(byte[] initializer) throws IOException, InterruptedException {
        Wire.Frame hello = reader.read();
        if (hello.type() != Wire.HELLO || hello.id() != Wire.PROTOCOL_VERSION) {
            throw new IOException("protocol error: expected HELLO of version " + Wire.PROTOCOL_VERSION + ", got type "
                    + hello.type() + " version " + hello.id());
        }
        ByteBuffer body = ByteBuffer.wrap(hello.body());
        long pid = body.getLong();
        byte[] presented = new byte[body.remaining()];
        body.get(presented);
        if (pid != process.pid() || !MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8))) {
            throw new IOException("a process that is not this worker (pid " + pid + ") connected to its socket");
        }
        writer.write(Wire.WELCOME, 0, initializer);
        Wire.Frame answer = reader.read();
        if (answer.type() == Wire.REFUSED) {
            Throwable error;
            try {
                error = Codec.decodeFailure(answer.body());
            } catch (IOException | ClassNotFoundException e) {
                error = e;
            }
            awaitExit();
            throw new WorkerStartException("worker " + label() + " could not start: the pool's initializer threw " + error
                    + output.report(), error);
        }
        if (answer.type() != Wire.READY) {
            throw new IOException("protocol error: expected READY, got a frame of type " + answer.type());
        }
    }

    private WorkerStartException startFailure(Exception cause) throws InterruptedException {
        if (cause instanceof WorkerStartException started) {
            return started;
        }
        if (process == null) {
            return new WorkerStartException("worker " + name + " could not be launched: " + cause, cause);
        }
        boolean exited = process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        int code = awaitExit();
        String how = exited ? Exits.describe(code) + " before it was ready" : "did not finish its handshake (" + cause
                + "), so it was killed";
        return new WorkerStartException("worker " + label() + " could not start: it " + how + output.report(), cause);
    }

    /** Reads the next frame from the worker. @throws IOException once the worker is gone */
    Wire.Frame read() throws IOException {
        return reader.read();
    }

    /** Sends a frame; an {@link IOException} means the worker is gone, which its reader will see too. */
    void send(byte type, long id, byte[] body) throws IOException {
        writer.write(type, id, body);
    }

    void sendQuietly(byte type, long id) {
        try {
            writer.write(type, id, new byte[0]);
        } catch (IOException e) {
            // gone already: its reader reports it
        }
    }

    /** Kills the JVM; its reader then reads the end of the stream. */
    void kill() {
        Process started = process;
        if (started != null) {
            started.destroyForcibly();
        }
    }

    /** After {@link #kill()}: waits, at most {@code millis}, for the JVM to be gone. */
    void awaitKilled(long millis) {
        Process started = process;
        if (started == null) {
            return;
        }
        try {
            started.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After the connection ended: waits for the JVM to exit (killing it if it lingers) and for
     * its output to drain, and closes the connection.
     *
     * @return how the worker ended, with the tail of its output
     */
    String awaitEnd() throws InterruptedException {
        int code = awaitExit();
        exitCode = code;
        closeQuietly(channel);
        return Exits.describe(code) + crashReport() + output.report();
    }

    /**
     * After a fatal error (a native crash) the JVM writes a report to the pool's directory, which
     * goes with the pool: its first lines, naming the signal and the frame, go into the message.
     */
    private String crashReport() {
        Path report = socket.resolveSibling("hs_err_pid" + process.pid() + ".log");
        if (!Files.isRegularFile(report)) {
            return "";
        }
        try (var lines = Files.lines(report)) {
            List<String> head = lines.limit(12).filter(line -> line.startsWith("# ") && line.length() > 2
                    && !line.startsWith("# A fatal error") && !line.startsWith("# JRE") && !line.startsWith("# Java VM")).toList();
            return ", after a fatal error in the JVM: " + String.join(" ", head.stream().map(line -> line.substring(1).trim())
                    .filter(line -> !line.isEmpty()).toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            return ", after a fatal error in the JVM (its report " + report.getFileName() + " could not be read: " + e + ")";
        }
    }

    /** The JVM's exit code, once {@link #awaitEnd()} has returned. */
    int exitCode() {
        return exitCode;
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        output.drain(EXIT_WAIT_MILLIS);
        return process.exitValue();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // closing what ends anyway
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the directory goes with the pool
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
