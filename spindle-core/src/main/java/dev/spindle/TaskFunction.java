package dev.spindle;

import java.io.Serializable;

/**
 * The function that {@link Pool#map} applies to every input. Serialisable for the same reason as
 * {@link Task}; unlike {@link java.util.function.Function} it may throw checked exceptions.
 *
 * @param <T> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {

    /**
     * Computes the result for one input.
     *
     * @param input one element of the mapped input, possibly {@code null} if the input holds nulls
     * @return the result, which may be {@code null}
     * @throws Exception whatever the function throws: {@code map} reports it with the element's index
     */
    R apply(T input) throws Exception;
}
