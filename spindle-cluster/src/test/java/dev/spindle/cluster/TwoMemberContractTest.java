package dev.spindle.cluster;

import dev.spindle.Pool;
import dev.spindle.PoolContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole portable contract suite, against a cluster of two members: one embedded in the test's
 * JVM, one in a JVM of its own that joined it on loopback. Each pool sends its tasks to both.
 */
class TwoMemberContractTest extends PoolContract {

    private static Cluster cluster;
    private static MemberProcess second;

    @BeforeAll
    static void startMembers() throws Exception {
        cluster = Cluster.builder().name("contract").start();
        second = MemberProcess.start("--join", cluster.address(), "--name", "contract");
        assertEquals(2, cluster.members().size(), "members: " + cluster.members());
    }

    @AfterAll
    static void stopMembers() throws Exception {
        try {
            second.close();
        } finally {
            cluster.close();
        }
    }

    @Override
    protected Pool create(int workers) {
        return cluster.pool(workers);
    }

    @Override
    public boolean tasksShareTheSubmittersMemory() {
        return false;
    }
}
