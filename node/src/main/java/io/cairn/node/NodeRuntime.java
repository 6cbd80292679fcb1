package io.cairn.node;

import com.typesafe.config.Config;
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
            log.info("starting Cairn node {} (data in {}, HTTP {}, cluster {}, management {})",
                    nodeId, settings.dataPath(), settings.httpListen(), settings.clusterListen(),
                    settings.managementListen());
            return ActorSystem.create(NodeGuardian.create(settings, nodeId),
                    NodeConfig.SYSTEM_NAME, config);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot use data directory " + settings.dataPath() + ": " + e.getMessage(), e);
        }
    }
}
