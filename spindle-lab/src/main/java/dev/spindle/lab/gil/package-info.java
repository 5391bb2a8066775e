/**
 * The lab's teaching strategy: threads under an emulated global interpreter lock.
 * {@link dev.spindle.lab.gil.Gil} is the lock and the two calls workloads make
 * ({@code checkpoint()} in hot loops, {@code blocking(...)} around blocking calls);
 * {@link dev.spindle.lab.gil.GilBackend} is the {@link dev.spindle.spi.Backend} whose workers run
 * tasks only while they hold it.
 */
package dev.spindle.lab.gil;
