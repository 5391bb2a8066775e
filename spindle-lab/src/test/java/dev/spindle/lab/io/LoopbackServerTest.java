package dev.spindle.lab.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loopback server answers each endpoint as documented, sees clients that hang up, and leaves no
 * connection open once the client is closed; the lab's client turns every bad case into a clear
 * exception.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopbackServerTest extends WithLoopbackServer {



    @Test
    void bindsLoopbackOnly() {
        assertEquals("127.0.0.1", server.uri().getHost());
        assertTrue(server.uri().getPort() > 0);
    }

    @Test
    void delayAndBytesAnswerWithTheServersPattern() throws Exception {
        Http.Fetched delayed = Http.get(client, server.delay(Duration.ofMillis(20), 70_000), WAIT);
        assertEquals(new Http.Fetched(200, 70_000, true), delayed);
        assertEquals(new Http.Fetched(200, 0, true), Http.get(client, server.bytes(0), WAIT));
        assertEquals(new Http.Fetched(200, 300, true), Http.get(client, server.bytes(300), WAIT));
        assertEquals(3, server.served());
        assertEquals(0, server.aborted());
    }

    @Test
    void unknownPathsAndBadParametersAreRefusedWithTheReason() throws Exception {
        assertEquals(404, Http.get(client, server.uri().resolve("/nothing"), WAIT).status());
        assertEquals(400, Http.get(client, server.uri().resolve("/delay?ms=-1"), WAIT).status());
        assertEquals(400, Http.get(client, server.uri().resolve("/bytes?n=lots"), WAIT).status());
        assertEquals(400, Http.get(client, server.uri().resolve("/bytes"), WAIT).status());
        assertEquals(0, server.served());
    }

    @Test
    void aServerThatHangsUpMidResponseIsAnIOException() throws Exception {
        IOException e = assertThrows(IOException.class, () -> Http.get(client, server.drop(10_000), WAIT));
        assertFalse(e instanceof HttpTimeoutException, e.toString());
    }

    @Test
    void aClosedPortIsAConnectException() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port + "/bytes?n=1");
        IOException e = assertThrows(IOException.class, () -> Http.get(client, nowhere, WAIT));
        assertTrue(e instanceof ConnectException || e.getCause() instanceof ConnectException, e.toString());
    }

    @Test
    void aRequestPastItsTimeoutFailsAndTheServerSeesTheHangUp() throws Exception {
        assertThrows(HttpTimeoutException.class, () -> Http.get(client, server.delay(LONG, 10), Duration.ofMillis(200)));
        assertTrue(server.await(s -> s.aborted() == 1 && s.openConnections() == 0, WAIT), server.toString());
    }

    @Test
    void closingTheServerClosesItsConnectionsAndRefusesNewOnes() throws Exception {
        Http.get(client, server.bytes(10), WAIT); // leaves a kept-alive connection open
        assertEquals(1, server.openConnections());
        URI uri = server.bytes(10);
        server.close();
        assertEquals(0, server.openConnections());
        assertThrows(IOException.class, () -> Http.get(client, uri, WAIT));
    }
}
