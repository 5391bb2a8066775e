package dev.spindle;

import dev.spindle.spi.PoolProvider;

import java.util.ServiceLoader;

/** Finds the {@link PoolProvider} of a backend module at run time, for {@link Pool}'s factories. */
final class Providers {

    private Providers() {}

    static Pool create(String kind, String artifact, int workers) {
        for (PoolProvider provider : ServiceLoader.load(PoolProvider.class, Pool.class.getClassLoader())) {
            if (provider.kind().equals(kind)) {
                return provider.create(workers);
            }
        }
        throw new IllegalStateException("no provider of " + kind + " pools was found: add the dependency dev.spindle:"
                + artifact + " to the class path or module path");
    }
}
