package dev.spindle.cluster.internal;

import dev.spindle.Pool;
import dev.spindle.spi.PoolProvider;

/** Makes {@code Pool.cluster(n)} find this module: a pool that starts, and at its end stops, an embedded member. */
public final class ClusterPoolProvider implements PoolProvider {

    /** Made by the service loader. */
    public ClusterPoolProvider() {}

    @Override
    public String kind() {
        return "cluster";
    }

    @Override
    public Pool create(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        ClusterMember member = ClusterMember.start(ClusterSettings.embedded());
        try {
            return Pool.using(new ClusterBackend(member, workers, member::close));
        } catch (RuntimeException e) {
            member.close();
            throw e;
        }
    }
}
