/**
 * The seeds' workloads, each behind {@link dev.spindle.lab.workload.Workload}: it runs its tasks
 * on the pool it is given and verifies its own result. {@link dev.spindle.lab.workload.Workloads}
 * holds the default sizes.
 */
package dev.spindle.lab.workload;
