package io.cairn.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.cairn.shard.cluster.NodeRoles;
import io.cairn.node.config.NodeConfig;
import io.cairn.node.config.NodeSettings;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a node: data directory, actor system (cluster, sharding, HTTP, management). */
final class NodeRuntime {
    private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);

    private NodeRuntime() {}

    static ActorSystem<NodeGuardian.Command> start(Config config) {
        NodeSettings settings = NodeSettings.from(config);
        try {
            Files.createDirectories(settings.dataPath());
            NodeId nodeId = NodeId.loadOrCreate(settings.dataPath());
            log.info("starting Cairn node {} (zone \"{}\", data in {}, HTTP {}, cluster {}, "
                    + "management {})", nodeId, settings.zone(), settings.dataPath(),
                    settings.httpListen(), settings.clusterListen(), settings.managementListen());
            // The stable node id and the zone travel as cluster roles (see NodeRoles).
            Config withRoles = ConfigFactory.empty().withValue("pekko.cluster.roles",
                    ConfigValueFactory.fromIterable(NodeRoles.roles(nodeId.value(),
                            settings.zone()))).withFallback(config);
            return ActorSystem.create(NodeGuardian.create(settings, nodeId),
                    NodeConfig.SYSTEM_NAME, withRoles);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot use data directory " + settings.dataPath() + ": " + e.getMessage(), e);
        }
    }
}
