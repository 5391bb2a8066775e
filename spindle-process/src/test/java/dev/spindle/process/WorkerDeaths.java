package dev.spindle.process;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The ways a task can end its worker JVM, each a static method so that a task calls it
 * capturing nothing. Each one names how the pool should report it.
 */
enum WorkerDeaths {

    EXIT_ZERO("exited with code 0 (as if stopped by its pool, which had not asked: a task called System.exit(0)?)") {
        @Override
        void inflict() {
            System.exit(0);
        }
    },
    EXIT("exited with code 42") {
        @Override
        void inflict() {
            System.exit(42);
        }
    },
    HALT("exited with code 7") {
        @Override
        void inflict() {
            Runtime.getRuntime().halt(7);
        }
    },
    OUT_OF_MEMORY("exited with code 3 (out of memory") {
        @Override
        void inflict() {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        }
    },
    SIGKILL("exited with code 137 (128 + 9: killed by SIGKILL)") {
        @Override
        void inflict() throws Exception {
            // the shell's own kill, so no procps binary is needed; a JVM cannot SIGKILL itself
            new ProcessBuilder("sh", "-c", "kill -KILL " + ProcessHandle.current().pid()).start().waitFor();
            new java.util.concurrent.CountDownLatch(1).await(); // the signal arrives
        }
    },
    NATIVE_CRASH("exited with code 1, after a fatal error in the JVM: SIGSEGV") {
        @Override
        @SuppressWarnings("restricted") // reading address 0 is the point
        void inflict() {
            MemorySegment.NULL.reinterpret(8).get(ValueLayout.JAVA_LONG, 0);
        }
    };

    /** What the worker-lost report says about this death. */
    final String reported;

    WorkerDeaths(String reported) {
        this.reported = reported;
    }

    /** Ends the JVM this runs in. */
    abstract void inflict() throws Exception;

    /** Options a worker needs for these deaths to be quick and quiet: a small heap, native access. */
    static final String[] WORKER_OPTIONS = {"-Xmx64m", "--enable-native-access=ALL-UNNAMED"};
}
