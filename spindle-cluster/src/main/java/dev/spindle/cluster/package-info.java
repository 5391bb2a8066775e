/**
 * A cluster of JVMs behind Spindle's API, on Apache Ignite: {@link dev.spindle.cluster.Cluster}
 * is this JVM's membership, with pools over the whole cluster; {@code Pool.cluster(n)} starts one
 * embedded member for one pool. See {@code docs/CLUSTER.md}.
 */
package dev.spindle.cluster;
