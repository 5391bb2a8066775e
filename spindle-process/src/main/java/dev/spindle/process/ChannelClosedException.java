package dev.spindle.process;

import java.io.Serial;

/**
 * A {@link Channel} was closed: sending to it after {@link Channel#close()}, or receiving from it
 * once it is closed and empty.
 */
public final class ChannelClosedException extends IllegalStateException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message which channel, and what was attempted */
    public ChannelClosedException(String message) {
        super(message);
    }
}
