package dev.spindle.cluster.internal;

import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.plugin.CachePluginContext;
import org.apache.ignite.plugin.CachePluginProvider;
import org.apache.ignite.plugin.ExtensionRegistry;
import org.apache.ignite.plugin.IgnitePlugin;
import org.apache.ignite.plugin.PluginConfiguration;
import org.apache.ignite.plugin.PluginContext;
import org.apache.ignite.plugin.PluginProvider;
import org.apache.ignite.plugin.PluginValidationException;

import java.io.Serializable;
import java.util.UUID;

/**
 * Refuses a member of another cluster. Ignite itself has no cluster name: any node that reaches a
 * discovery address joins. Every Spindle member announces its cluster's name as a node attribute,
 * and the members already in the cluster check it when a node asks to join; the joining node's
 * start then fails with the message below, which {@link ClusterMember} passes on.
 */
final class ClusterNamePlugin implements PluginProvider<PluginConfiguration> {

    /** The node attribute that carries the cluster's name. */
    static final String CLUSTER_ATTRIBUTE = "spindle.cluster";
    /** The node attribute that carries the member's name, {@code host:port}. */
    static final String MEMBER_ATTRIBUTE = "spindle.member";
    /** The node attribute that says whether pools send tasks to the member. */
    static final String RUNS_TASKS_ATTRIBUTE = "spindle.runs-tasks";

    private final String clusterName;

    ClusterNamePlugin(String clusterName) {
        this.clusterName = clusterName;
    }

    @Override
    @SuppressWarnings("deprecation") // the one Ignite 2.18 calls: its successor's default delegates here, and cannot throw
    public void validateNewNode(ClusterNode node) throws PluginValidationException {
        Object theirs = node.attribute(CLUSTER_ATTRIBUTE);
        if (!clusterName.equals(theirs)) {
            String member = String.valueOf(node.<Object>attribute(MEMBER_ATTRIBUTE));
            String why = theirs == null
                    ? "the node at " + node.addresses() + " is not a Spindle member: cluster '" + clusterName + "' refused it"
                    : "member " + member + " belongs to cluster '" + theirs + "', and cluster '" + clusterName + "' refused it";
            throw new PluginValidationException(why, why, node.id());
        }
    }

    @Override
    public String name() {
        return "spindle-cluster-name";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String copyright() {
        return "";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IgnitePlugin> T plugin() {
        return (T) new IgnitePlugin() {};
    }

    @Override
    public void initExtensions(PluginContext ctx, ExtensionRegistry registry) {}

    @Override
    public <T> T createComponent(PluginContext ctx, Class<T> cls) {
        return null;
    }

    @Override
    @SuppressWarnings("rawtypes") // as the interface declares it
    public CachePluginProvider createCacheProvider(CachePluginContext ctx) {
        return null;
    }

    @Override
    public void start(PluginContext ctx) {}

    @Override
    public void stop(boolean cancel) {}

    @Override
    public void onIgniteStart() {}

    @Override
    public void onIgniteStop(boolean cancel) {}

    @Override
    public Serializable provideDiscoveryData(UUID nodeId) {
        return null;
    }

    @Override
    public void receiveDiscoveryData(UUID nodeId, Serializable data) {}
}
