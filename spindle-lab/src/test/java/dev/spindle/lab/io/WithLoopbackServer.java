package dev.spindle.lab.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fresh loopback server and client for each test; after the test, once the client is closed,
 * the server must have no connection left open, whatever the test did.
 */
abstract class WithLoopbackServer {

    /** Longer than any test waits: a delay that only cancellation or a time-out ends. */
    static final Duration LONG = Duration.ofMinutes(5);
    /** How long a test waits for the server's counts to settle. */
    static final Duration WAIT = Duration.ofSeconds(30);

    LoopbackServer server;
    HttpClient client;

    @BeforeEach
    final void startServer() throws IOException {
        server = LoopbackServer.start();
        client = Http.newClient();
    }

    @AfterEach
    final void nothingLeftOpen() throws InterruptedException {
        client.close();
        assertTrue(server.awaitOpenConnections(0, WAIT), "connections left open: " + server);
        server.close();
    }
}
