package dev.spindle.process.internal;

import dev.spindle.Action;
import dev.spindle.PayloadTooLargeException;
import dev.spindle.Task;
import dev.spindle.process.UnserializableResultException;

import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.SynchronousQueue;

/**
 * The main class of a worker JVM. Its lifecycle, from the worker's side:
 * <ol>
 *   <li><b>Handshake.</b> Connects to the socket its pool bound for it (environment
 *       {@value #SOCKET}), says HELLO with its pid and the token it was launched with
 *       ({@value #TOKEN}), receives WELCOME with the initializer, runs it, and answers READY
 *       (or REFUSED with the initializer's exception, and exits with
 *       {@link Exits#INITIALIZER_FAILED}).</li>
 *   <li><b>Work.</b> The main thread reads frames; each RUN is handed to the task thread, one at a
 *       time, which answers RESULT or FAILURE. A CANCEL interrupts the task thread if it still
 *       runs that job, and the interrupt is cleared before the next one starts.</li>
 *   <li><b>End.</b> STOP: exits with code 0, running shutdown hooks. The end of the stream (the
 *       pool closed the connection, or its JVM died, even by SIGKILL): halts at once with
 *       {@link Exits#POOL_GONE}, so no worker outlives its pool.</li>
 * </ol>
 * Everything the task prints goes to this JVM's stdout and stderr, which the pool forwards with
 * the worker's name in front; the protocol never touches them. {@link Exits} lists the exit codes.
 */
public final class WorkerMain {

    static final String SOCKET = "SPINDLE_WORKER_SOCKET";
    static final String TOKEN = "SPINDLE_WORKER_TOKEN";
    static final String NAME = "SPINDLE_WORKER_NAME";
    static final String MAX_MESSAGE = "SPINDLE_WORKER_MAX_MESSAGE";

    private final String name;
    private final int maxMessage;
    private final Wire.Writer writer;
    private final SynchronousQueue<Wire.Frame> handoff = new SynchronousQueue<>();
    private final Object running = new Object();
    private Thread taskThread;      // set once, before the first RUN is read
    private long runningJob = -1;   // guarded by running
    private long interruptedJob = -1; // guarded by running
    private final Set<Long> cancelledFirst = new HashSet<>(); // guarded by running

    private WorkerMain(String name, int maxMessage, Wire.Writer writer) {
        this.name = name;
        this.maxMessage = maxMessage;
        this.writer = writer;
    }

    public static void main(String[] args) {
        String socket = System.getenv(SOCKET);
        String token = System.getenv(TOKEN);
        String name = System.getenv(NAME);
        String maxMessage = System.getenv(MAX_MESSAGE);
        if (socket == null || token == null || name == null || maxMessage == null) {
            System.err.println("WorkerMain runs in a worker JVM that a Spindle process pool starts; it is not started by hand");
            System.exit(Exits.MISUSED);
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            System.err.println("cannot reach the pool at " + socket + ": " + e);
            System.exit(Exits.POOL_GONE);
            return;
        }
        WorkerMain worker = new WorkerMain(name, Integer.parseInt(maxMessage), new Wire.Writer(channel));
        worker.run(new Wire.Reader(channel, Integer.MAX_VALUE - 16), token);
    }

    private void run(Wire.Reader reader, String token) {
        try {
            handshake(reader, token);
            WorkerLink link = new WorkerLink(writer, ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L),
                    maxMessage);
            WorkerLink.install(link);
            taskThread = Thread.ofPlatform().name("spindle-task").start(this::runTasks);
            while (true) {
                Wire.Frame frame = reader.read();
                switch (frame.type()) {
                    case Wire.RUN -> handoff.put(frame);
                    case Wire.CANCEL -> cancel(frame.id());
                    case Wire.CHANNEL_REPLY -> WorkerLink.current().replied(frame);
                    case Wire.STOP -> System.exit(Exits.STOPPED);
                    default -> throw new IOException("protocol error: unexpected frame of type " + frame.type());
                }
            }
        } catch (EOFException e) {
            Runtime.getRuntime().halt(Exits.POOL_GONE);
        } catch (IOException | InterruptedException e) {
            System.err.println(name + " lost its pool: " + e);
            Runtime.getRuntime().halt(Exits.POOL_GONE);
        }
    }

    private void handshake(Wire.Reader reader, String token) throws IOException {
        byte[] tokenBytes = token.getBytes(StandardCharsets.UTF_8);
        byte[] hello = ByteBuffer.allocate(8 + tokenBytes.length).putLong(ProcessHandle.current().pid()).put(tokenBytes).array();
        writer.write(Wire.HELLO, Wire.PROTOCOL_VERSION, hello);
        Wire.Frame welcome = reader.read();
        if (welcome.type() != Wire.WELCOME) {
            throw new IOException("protocol error: expected WELCOME, got a frame of type " + welcome.type());
        }
        if (welcome.body().length > 0) {
            try {
                ((Action) Codec.decode(welcome.body())).run();
            } catch (Throwable e) {
                writer.write(Wire.REFUSED, 0, Codec.encodeFailure(e));
                System.exit(Exits.INITIALIZER_FAILED);
            }
        }
        warmUp();
        writer.write(Wire.READY, 0);
    }

    /**
     * Runs the path of a task once before READY: the first deserialised lambda loads and links the
     * serialisation and lambda machinery, tens of milliseconds in a fresh JVM, which would
     * otherwise fall on the first task, even on a standby worker that was ready long before.
     */
    private static void warmUp() throws IOException {
        try {
            Task<Integer> probe = () -> 42;
            Object answer = ((Task<?>) Codec.decode(Codec.encode(probe))).call();
            Codec.decode(Codec.encode(answer));
            Codec.decodeFailure(Codec.encodeFailure(new IllegalStateException("warm-up")));
        } catch (Exception e) {
            throw new IOException("the worker's warm-up failed: " + e, e);
        }
    }

    /**
     * A CANCEL can overtake its RUN (the pool cancels between starting the job and sending it) or
     * reach the worker before the task thread has taken the job: then it is kept, and the job,
     * when it comes, is not run.
     */
    private void cancel(long job) {
        synchronized (running) {
            if (runningJob == job) {
                if (interruptedJob != job) {
                    interruptedJob = job; // once: a second interrupt would hit the task's own clean-up
                    taskThread.interrupt();
                }
            } else {
                cancelledFirst.add(job);
            }
        }
    }

    private void runTasks() {
        while (true) {
            Wire.Frame frame;
            try {
                frame = handoff.take();
            } catch (InterruptedException e) {
                continue; // a cancel that arrived after its job ended
            }
            boolean cancelled;
            synchronized (running) {
                runningJob = frame.id();
                interruptedJob = -1;
                cancelled = cancelledFirst.remove(frame.id());
                cancelledFirst.clear(); // one job at a time: any other cancel is for a job already answered
            }
            byte type;
            byte[] body;
            try {
                if (cancelled) {
                    throw new CancellationException("cancelled before it started");
                }
                Object result = ((Task<?>) Codec.decode(frame.body())).call();
                body = encodeResult(frame.id(), result);
                type = Wire.RESULT;
            } catch (Throwable e) {
                body = Codec.encodeFailure(e);
                type = Wire.FAILURE;
            }
            synchronized (running) {
                runningJob = -1;
                Thread.interrupted();
            }
            try {
                writer.write(type, frame.id(), body);
            } catch (IOException e) {
                Runtime.getRuntime().halt(Exits.POOL_GONE);
            }
        }
    }

    private byte[] encodeResult(long job, Object result) {
        byte[] bytes;
        try {
            bytes = Codec.encode(result);
        } catch (NotSerializableException e) {
            throw new UnserializableResultException("the result of task " + job + " cannot be sent back from " + name
                    + ": " + e.getMessage() + " is not serialisable", e);
        } catch (IOException e) {
            throw new UnserializableResultException("the result of task " + job + " cannot be sent back from " + name
                    + ": " + e, e);
        }
        if (bytes.length > maxMessage) {
            throw new PayloadTooLargeException(PayloadTooLargeException.Payload.RESULT, bytes.length, maxMessage);
        }
        return bytes;
    }
}
