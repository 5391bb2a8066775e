package dev.spindle.testkit;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Base64;

/**
 * The other JVM of {@link SharedStateAcrossProcessesTest}: receives serialised handles as its
 * one argument (Base64), says it is ready, waits for the go, then counts and records alongside
 * the test's own thread. Exit codes: 0 done, 2 the go never came, 1 anything else (with a stack
 * trace on standard error).
 */
public final class SharedStateChild {

    /** What the test hands over. */
    record Handles(SharedGate ready, SharedGate go, SharedCounter counter, SharedRecorder recorder, int increments)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private SharedStateChild() {}

    public static void main(String[] args) throws Exception {
        Handles handles;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(args[0])))) {
            handles = (Handles) in.readObject();
        }
        handles.recorder().append("child ready");
        handles.ready().open();
        if (!handles.go().await(Duration.ofSeconds(60))) {
            System.exit(2);
        }
        for (int i = 0; i < handles.increments(); i++) {
            handles.counter().incrementAndGet();
        }
        handles.recorder().append(ProcessHandle.current().pid());
        System.exit(0);
    }
}
