package dev.spindle.backend;

import java.util.concurrent.atomic.AtomicInteger;

/** Checks and names shared by the in-JVM backends. */
final class Workers {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private Workers() {}

    /** A prefix unique to one pool, for the names of its threads: {@code spindle-threads-3-}. */
    static String threadPrefix(String kind) {
        return "spindle-" + kind + "-" + POOLS.incrementAndGet() + "-";
    }

    static int requirePositive(int count, String what) {
        if (count < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + count);
        }
        return count;
    }

    static int requireAtMost(int count, int most, String what) {
        if (count > most) {
            throw new IllegalArgumentException(what + " must be at most " + most + ", was " + count);
        }
        return count;
    }
}
