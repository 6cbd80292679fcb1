package io.cairn.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the effective config: flag and environment overrides, then an optional file named by
 * {@code CAIRN_CONFIG}, then the packaged cluster.conf, then the libraries' reference.conf;
 * and derives the Pekko settings (remoting address, seed nodes, management port) from the
 * cairn.* values so that operators only ever set Cairn's flags.
 */
public final class NodeConfig {
    public static final String SYSTEM_NAME = "cairn";

    private NodeConfig() {}

    /** The defaults alone (cluster.conf + reference.conf), e.g. for -help. */
    public static Config defaults() {
        return ConfigFactory.parseResources("cluster.conf")
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }

    public static Config load(Map<String, String> flags, Map<String, String> env) {
        Config base = ConfigFactory.parseResources("cluster.conf");
        String extra = env.get("CAIRN_CONFIG");
        if (extra != null && !extra.isBlank()) {
            File f = new File(extra);
            if (!f.isFile()) {
                throw new IllegalArgumentException("CAIRN_CONFIG=" + extra + ": no such file");
            }
            base = ConfigFactory.parseFile(f).withFallback(base);
        }
        Config cairn = FlagParser.overrides(flags, env).withFallback(base)
                .withFallback(ConfigFactory.defaultReference()).resolve();
        NodeSettings s = NodeSettings.from(cairn);
        return pekkoOverrides(s).withFallback(cairn).resolve();
    }

    static Config pekkoOverrides(NodeSettings s) {
        List<String> seeds = new ArrayList<>();
        for (HostPort hp : s.seedNodes()) {
            seeds.add("pekko://" + SYSTEM_NAME + "@" + hp);
        }
        String meta = s.dataPath().resolve("meta").toString();
        return ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname",
                        ConfigValueFactory.fromAnyRef(s.clusterListen().host()))
                .withValue("pekko.remote.artery.canonical.port",
                        ConfigValueFactory.fromAnyRef(s.clusterListen().port()))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withValue("pekko.management.http.hostname",
                        ConfigValueFactory.fromAnyRef(s.managementListen().host()))
                .withValue("pekko.management.http.port",
                        ConfigValueFactory.fromAnyRef(s.managementListen().port()))
                // Not ending in "ddata": Pekko would append the port to such a directory name,
                // and a node restarted on another port would lose its durable placement.
                .withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
                        ConfigValueFactory.fromAnyRef(
                                s.dataPath().resolve("ddata").resolve("placement").toString()))
                .withValue("pekko.cluster.sharding.distributed-data.durable.lmdb.dir",
                        ConfigValueFactory.fromAnyRef(
                                s.dataPath().resolve("ddata").resolve("sharding").toString()))
                .withValue("cairn.journal.dir", ConfigValueFactory.fromAnyRef(meta))
                .withValue("cairn.snapshot-store.dir", ConfigValueFactory.fromAnyRef(meta));
    }
}
