package dev.spindle.cluster;

import java.io.Serializable;

/**
 * One call to an actor: runs on the member that keeps its state, alone with it. Serialisable, as
 * tasks are.
 *
 * @param <A> the actor's state
 * @param <R> the call's result
 */
@FunctionalInterface
public interface ActorCall<A, R> extends Serializable {
    R apply(A actor) throws Exception;
}
