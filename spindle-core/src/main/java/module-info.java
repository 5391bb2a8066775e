/**
 * Spindle's public API and its in-JVM backends.
 *
 * <p>Exports the API ({@code dev.spindle}), the synchronisation primitives the JDK lacks
 * ({@code dev.spindle.sync}), structured concurrency ({@code dev.spindle.structured}), joblib's
 * disk cache ({@code dev.spindle.cache}) and the
 * service-provider interface that backend modules implement ({@code dev.spindle.spi}). The
 * in-JVM backends ({@code dev.spindle.backend}) and the code the packages share
 * ({@code dev.spindle.internal}) are implementation and stay unexported.
 */
module dev.spindle.core {
    requires jdk.jfr; // task lifecycle as flight-recorder events

    exports dev.spindle;
    exports dev.spindle.spi;
    exports dev.spindle.sync;
    exports dev.spindle.structured;
    exports dev.spindle.cache;

    uses dev.spindle.spi.PoolProvider;
}
