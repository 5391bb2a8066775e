package dev.spindle.cluster;

import org.apache.ignite.IgniteInterruptedException;

/** Ignite's unchecked interrupt as the JDK's checked one, for the primitives that wait. */
final class Interruptions {

    private Interruptions() {}

    static InterruptedException of(IgniteInterruptedException e) {
        InterruptedException interrupted = new InterruptedException(e.getMessage());
        interrupted.initCause(e);
        return interrupted;
    }
}
