package dev.spindle.cluster;

import java.io.Serializable;

/**
 * Makes an actor's state on the member that will keep it. Serialisable, as tasks are.
 *
 * @param <A> the state's type
 */
@FunctionalInterface
public interface ActorFactory<A> extends Serializable {
    A create() throws Exception;
}
