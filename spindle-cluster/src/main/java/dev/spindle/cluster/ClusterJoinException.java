package dev.spindle.cluster;

import java.io.Serial;

/**
 * A member could not start or join its cluster: no member answered at the addresses given within
 * the join timeout, the cluster it reached has another name, or its port was taken. Nothing of the
 * member is left running.
 */
public final class ClusterJoinException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ClusterJoinException(String message, Throwable cause) {
        super(message, cause);
    }
}
