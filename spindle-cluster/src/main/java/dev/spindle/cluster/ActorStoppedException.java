package dev.spindle.cluster;

import java.io.Serial;

/** A call to an actor that was stopped: its state is gone. */
public final class ActorStoppedException extends IllegalStateException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ActorStoppedException(String key) {
        super("actor '" + key + "' was stopped");
    }
}
