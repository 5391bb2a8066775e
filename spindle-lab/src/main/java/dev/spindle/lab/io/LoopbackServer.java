package dev.spindle.lab.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small HTTP/1.1 server on the loopback interface, for the lab's I/O workloads and for tests of
 * code that talks to a network: it answers after a delay, returns a given number of bytes, or
 * hangs up in the middle of a response, and it counts its connections.
 *
 * <h2>Endpoints</h2>
 * <pre>
 *   GET /delay?ms=M&amp;bytes=B   waits M milliseconds, then answers 200 with B bytes (default 0)
 *   GET /bytes?n=B              answers 200 with B bytes at once
 *   GET /drop?bytes=B           announces B bytes, sends half of them, then closes the connection
 *   anything else               400 (bad parameter) or 404, with a one-line reason
 * </pre>
 * Every body is the bytes {@code 0, 1, ..., 255, 0, 1, ...}, so a client can check what it got, and
 * every response carries {@code Content-Length}; connections are kept alive as HTTP/1.1 wants,
 * until the client closes them or the server stops.
 *
 * <h2>Why not {@code com.sun.net.httpserver}</h2>
 * The JDK's server would serve these endpoints, but it shows nothing of its connections: it cannot
 * tell that a client hung up while its request waited out the delay, and a test of cancellation
 * needs exactly that ("the request was cancelled and its connection closed"). Here every
 * connection is a virtual thread reading a blocking socket, so the server sees the hang-up the
 * moment it happens: the delay is spent in a read with a time-out, which returns end-of-stream when
 * the client closes. That also makes thousands of concurrent connections cheap: a waiting
 * connection is a parked virtual thread.
 *
 * <h2>Counts</h2>
 * {@link #openConnections()} counts accepted connections not yet closed; {@link #aborted()} the
 * requests whose client went away before the whole response was sent; {@link #served()} the
 * responses sent in full. Tests wait for a count with {@link #awaitOpenConnections}, never with a
 * sleep.
 *
 * <h2>Lifecycle</h2>
 * {@link #start()} binds {@code 127.0.0.1} on a free port; nothing listens elsewhere.
 * {@link #close()} stops accepting, closes every connection and waits for their threads, so the
 * server leaves no thread or socket behind.
 */
public final class LoopbackServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LoopbackServer.class.getName());

    /** The connection backlog: the kernel caps it (at {@code net.core.somaxconn}). */
    private static final int BACKLOG = 8192;
    /** The longest delay a request may ask for. */
    static final long MAX_DELAY_MILLIS = Duration.ofMinutes(10).toMillis();
    /** The most bytes a request may ask for. */
    static final long MAX_BYTES = 1L << 30;
    private static final int MAX_LINE = 8192;
    private static final byte[] PATTERN = new byte[64 * 1024];

    static {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = (byte) i;
        }
    }

    private static LoopbackServer shared; // guarded by LoopbackServer.class

    private final ServerSocket socket;
    private final Thread acceptor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private int inFlight;      // guarded by lock: requests read and not yet answered or abandoned
    private int peakInFlight;  // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition connectionsChanged = lock.newCondition();
    private volatile boolean closed;

    private LoopbackServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = Thread.ofVirtual().name("loopback-server-accept-" + socket.getLocalPort()).unstarted(this::accept);
    }

    /**
     * Starts a server on {@code 127.0.0.1} and a port the system chooses.
     *
     * @throws IOException if no port can be bound
     */
    public static LoopbackServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        LoopbackServer server = new LoopbackServer(socket);
        server.acceptor.start();
        return server;
    }

    /**
     * The lab's server: started by the first workload that needs one, stopped by
     * {@link #stopShared()} when the lab ends.
     *
     * @throws java.io.UncheckedIOException if it cannot start
     */
    public static synchronized LoopbackServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not start the lab's loopback HTTP server", e);
            }
        }
        return shared;
    }

    /** Stops the lab's server, if one was started. */
    public static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** {@code http://127.0.0.1:PORT}: where to send requests. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** The address of {@code /delay}: answers {@code bytes} bytes after {@code delay}. */
    public URI delay(Duration delay, long bytes) {
        return uri().resolve("/delay?ms=" + delay.toMillis() + "&bytes=" + bytes);
    }

    /** The address of {@code /bytes}: answers {@code bytes} bytes at once. */
    public URI bytes(long bytes) {
        return uri().resolve("/bytes?n=" + bytes);
    }

    /** The address of {@code /drop}: announces {@code bytes} bytes and hangs up half-way. */
    public URI drop(long bytes) {
        return uri().resolve("/drop?bytes=" + bytes);
    }

    /** Connections accepted and not yet closed. */
    public int openConnections() {
        return connections.size();
    }

    /** Connections accepted since the start. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Requests whose client closed the connection before the whole response was sent. */
    public long aborted() {
        return aborted.get();
    }

    /** Responses sent in full. */
    public long served() {
        return served.get();
    }

    /** The most requests that were being served at once (read, not yet answered) since the start. */
    public int peakRequestsInFlight() {
        lock.lock();
        try {
            return peakInFlight;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until exactly {@code count} connections are open.
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean awaitOpenConnections(int count, Duration timeout) throws InterruptedException {
        return await(server -> server.openConnections() == count, timeout);
    }

    /**
     * Waits until {@code condition} holds of this server's counts; it is checked again whenever a
     * connection opens or closes and a request starts or ends.
     *
     * @return whether it held within {@code timeout}
     */
    public boolean await(java.util.function.Predicate<LoopbackServer> condition, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!condition.test(this)) {
                if (left <= 0) {
                    return false;
                }
                left = connectionsChanged.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting, closes every connection, and waits for all the server's threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the server socket", e);
        }
        boolean interrupted = false;
        while (true) {
            try {
                acceptor.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Connection c : connections) {
            c.closeSocket();
        }
        for (Connection c : connections) {
            while (true) {
                try {
                    c.thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LoopbackServer[" + uri() + ", open=" + openConnections() + ", served=" + served() + ", aborted=" + aborted() + "]";
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "loopback server stopped accepting: " + e);
                }
                return;
            }
            accepted.incrementAndGet();
            Connection connection = new Connection(client);
            changeConnections(() -> connections.add(connection));
            if (closed) { // close() may have swept the set before this one was added
                connection.closeSocket();
            }
            connection.thread.start();
        }
    }

    private void changeConnections(Runnable change) {
        lock.lock();
        try {
            change.run();
            connectionsChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One client connection: its socket and the virtual thread that serves it. */
    private final class Connection implements Runnable {

        private final Socket client;
        final Thread thread;

        Connection(Socket client) {
            this.client = client;
            this.thread = Thread.ofVirtual().name("loopback-server-" + client.getPort()).unstarted(this);
        }

        void closeSocket() {
            try {
                client.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a connection", e);
            }
        }

        @Override
        public void run() {
            try (client) {
                client.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(client.getInputStream());
                OutputStream out = client.getOutputStream();
                while (!closed && serve(in, out)) {
                    // keep-alive: the next request on the same connection
                }
            } catch (IOException e) {
                // the client went away, or close() closed the socket: nothing to report
            } finally {
                changeConnections(() -> connections.remove(this));
            }
        }

        /** Serves one request; returns whether the connection stays open for another. */
        private boolean serve(InputStream in, OutputStream out) throws IOException {
            String requestLine = line(in);
            if (requestLine == null) {
                return false; // the client closed an idle connection
            }
            boolean keepAlive = true;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                if (header.regionMatches(true, 0, "connection:", 0, 11) && header.substring(11).strip().equalsIgnoreCase("close")) {
                    keepAlive = false;
                }
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3 || !parts[0].equals("GET")) {
                respond(out, 400, "only GET requests are served, not '" + requestLine + "'", false);
                return false;
            }
            URI target = URI.create(parts[1]);
            Map<String, String> query = query(target.getRawQuery());
            changeConnections(() -> peakInFlight = Math.max(peakInFlight, ++inFlight));
            try {
                switch (target.getPath()) {
                    case "/delay" -> {
                        long millis = number(query, "ms", 0, MAX_DELAY_MILLIS, true);
                        long bytes = number(query, "bytes", 0, MAX_BYTES, false);
                        if (!waitOut(in, millis)) {
                            aborted.incrementAndGet();
                            return false;
                        }
                        body(out, bytes, bytes, keepAlive);
                        served.incrementAndGet();
                    }
                    case "/bytes" -> {
                        long bytes = number(query, "n", 0, MAX_BYTES, true);
                        body(out, bytes, bytes, keepAlive);
                        served.incrementAndGet();
                    }
                    case "/drop" -> {
                        long bytes = number(query, "bytes", 2, MAX_BYTES, true);
                        body(out, bytes, bytes / 2, false);
                        return false;
                    }
                    default -> {
                        respond(out, 404, "no such endpoint: " + target.getPath() + " (try /delay, /bytes, /drop)", keepAlive);
                        return keepAlive;
                    }
                }
            } catch (IllegalArgumentException e) {
                respond(out, 400, e.getMessage(), keepAlive);
                return keepAlive;
            } catch (SocketException e) {
                aborted.incrementAndGet(); // the client hung up while the body was on its way
                return false;
            } finally {
                changeConnections(() -> inFlight--);
            }
            return keepAlive;
        }

        /**
         * Spends the delay reading the connection with a time-out, so that a client that hangs up
         * meanwhile is seen at once.
         *
         * @return {@code true} if the delay passed with the client still there
         */
        private boolean waitOut(InputStream in, long millis) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                client.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                in.mark(1);
                try {
                    if (in.read() < 0) {
                        return false;
                    }
                    in.reset(); // a byte of the client's next request: keep it for then
                    return waitWithoutReading(deadline);
                } catch (SocketTimeoutException e) {
                    // the delay (or the part of it left) has passed
                } finally {
                    client.setSoTimeout(0);
                }
            }
            return true;
        }

        private boolean waitWithoutReading(long deadline) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, deadline - System.nanoTime()));
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        }
    }

    private static void body(OutputStream out, long announced, long sent, boolean keepAlive) throws IOException {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + announced
                + (keepAlive ? "" : "\r\nConnection: close") + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        for (long left = sent; left > 0; ) {
            int n = (int) Math.min(left, PATTERN.length);
            out.write(PATTERN, 0, n);
            left -= n;
        }
        out.flush();
    }

    private static void respond(OutputStream out, int status, String reason, boolean keepAlive) throws IOException {
        byte[] text = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 404 ? " Not Found" : " Bad Request")
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + text.length
                + (keepAlive ? "" : "\r\nConnection: close") + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(text);
        out.flush();
    }

    /** One line of the request head without its CRLF, or {@code null} at end of stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("request line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                values.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return values;
    }

    private static long number(Map<String, String> query, String name, long min, long max, boolean required) {
        String value = query.get(name);
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("missing parameter " + name);
            }
            return min;
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be between %d and %d, was %d", name, min, max, n));
        }
        return n;
    }
}
