package dev.spindle.spi;

import dev.spindle.Pool;

/**
 * Makes the pools of a backend module, so that {@link Pool}'s factories can offer pools whose
 * code core does not contain ({@code Pool.processes(4)} from {@code spindle-process}). A module
 * registers its provider with {@link java.util.ServiceLoader}: {@code provides} in its
 * {@code module-info}, and a {@code META-INF/services} entry for the class path.
 */
public interface PoolProvider {

    /** The kind of pool this provider makes, as {@link Pool} asks for it, such as {@code processes}. */
    String kind();

    /**
     * A pool of {@code workers} workers with the module's default options.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    Pool create(int workers);
}
