package dev.spindle;

import java.io.Serializable;

/**
 * A unit of work with no result: what {@link Pool#run(Action)} runs. Serialisable for the same
 * reason as {@link Task}.
 */
@FunctionalInterface
public interface Action extends Serializable {

    /**
     * Does the work.
     *
     * @throws Exception whatever the work throws: it becomes the cause of the action's future
     */
    void run() throws Exception;
}
