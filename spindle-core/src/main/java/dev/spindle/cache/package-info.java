/**
 * A function's results kept on disk, joblib's {@code Memory}: {@link dev.spindle.cache.DiskCache}
 * memoises a {@link dev.spindle.TaskFunction} to a directory, so an expensive call runs once per
 * argument across runs and across JVMs.
 */
package dev.spindle.cache;
