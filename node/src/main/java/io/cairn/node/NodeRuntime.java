package io.cairn.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.cairn.shard.cluster.NodeRoles;
import io.cairn.node.config.NodeConfig;
import io.cairn.node.config.NodeSettings;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Starts a node: data directory, actor system (cluster, sharding, HTTP, management). */
final class NodeRuntime {
    private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);

    private NodeRuntime() {}

    /** Why the node stops when it receives SIGTERM or SIGINT. */
    private static final class SignalReason implements CoordinatedShutdown.Reason {
        private final String signal;

        SignalReason(String signal) {
            this.signal = signal;
        }

        @Override
        public String toString() {
            return "SIG" + signal;
        }
    }

    /**
     * SIGTERM and SIGINT run Pekko's coordinated shutdown (HTTP unbind, replicas stop and close
     * their WAL and files, cluster leave) and then exit with status 0, as service managers
     * expect of a clean stop. Without this the JVM would run the same shutdown from its hook
     * but report 143.
     */
    private static void exitCleanlyOnSignals(ActorSystem<?> system) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    log.info("received SIG{}, shutting down", name);
                    CoordinatedShutdown.get(system).run(new SignalReason(name));
                });
            } catch (IllegalArgumentException e) {
                log.warn("cannot handle SIG{} ({}); the JVM's default handling applies", name,
                        e.getMessage());
            }
        }
    }

    private static void release(DataDirectoryLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("could not release the data directory lock: {}", e.getMessage());
        }
    }

    static ActorSystem<NodeGuardian.Command> start(Config config) {
        NodeSettings settings = NodeSettings.from(config);
        DataDirectoryLock lock;
        try {
            Files.createDirectories(settings.dataPath());
            lock = DataDirectoryLock.acquire(settings.dataPath());
        } catch (IOException e) {
            throw cannotUse(settings, e);
        }
        try {
            ActorSystem<NodeGuardian.Command> system = startSystem(config, settings);
            system.getWhenTerminated().whenComplete((done, failure) -> release(lock));
            return system;
        } catch (IOException e) {
            release(lock);
            throw cannotUse(settings, e);
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    private static ActorSystem<NodeGuardian.Command> startSystem(Config config, NodeSettings settings)
            throws IOException {
        NodeId nodeId = NodeId.loadOrCreate(settings.dataPath());
        log.info("starting Cairn node {} (zone \"{}\", data in {}, HTTP {}, cluster {}, "
                + "management {})", nodeId, settings.zone(), settings.dataPath(),
                settings.httpListen(), settings.clusterListen(), settings.managementListen());
        // The stable node id and the zone travel as cluster roles (see NodeRoles).
        Config withRoles = ConfigFactory.empty().withValue("pekko.cluster.roles",
                ConfigValueFactory.fromIterable(NodeRoles.roles(nodeId.value(),
                        settings.zone()))).withFallback(config);
        ActorSystem<NodeGuardian.Command> system = ActorSystem.create(
                NodeGuardian.create(settings, nodeId), NodeConfig.SYSTEM_NAME, withRoles);
        exitCleanlyOnSignals(system);
        return system;
    }

    private static IllegalArgumentException cannotUse(NodeSettings settings, IOException e) {
        return new IllegalArgumentException(
                "cannot use data directory " + settings.dataPath() + ": " + e.getMessage(), e);
    }
}
