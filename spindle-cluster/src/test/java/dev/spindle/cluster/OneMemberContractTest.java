package dev.spindle.cluster;

import dev.spindle.Pool;
import dev.spindle.PoolContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole portable contract suite, against a cluster of one embedded member. */
class OneMemberContractTest extends PoolContract {

    private static Cluster cluster;

    @BeforeAll
    static void startMember() {
        cluster = Cluster.embedded();
    }

    @AfterAll
    static void stopMember() {
        cluster.close();
    }

    @Override
    protected Pool create(int workers) {
        return cluster.pool(workers);
    }

    /** Tasks travel as serialised copies, even to the member in this JVM. */
    @Override
    public boolean tasksShareTheSubmittersMemory() {
        return false;
    }
}
