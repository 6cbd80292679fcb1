package io.cairn.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeConfigTest {

    @Test
    void defaultsComeFromClusterConf() {
        NodeSettings s = NodeSettings.from(NodeConfig.load(Map.of(), Map.of()));
        assertEquals(new HostPort("127.0.0.1", 8428), s.httpListen());
        assertEquals(new HostPort("127.0.0.1", 8401), s.clusterListen());
        assertEquals(new HostPort("127.0.0.1", 8558), s.managementListen());
        assertEquals(32, s.shards());
        assertEquals(1, s.replicationFactor());
        assertEquals("batch", s.fsync());
        assertTrue(s.seedNodes().isEmpty());
        assertTrue(s.dataPath().endsWith("cairn-data"));
        assertEquals("", s.zone());
        assertEquals(Duration.ofMinutes(5), s.replicaReplaceDelay());
        assertEquals(1, s.initialNodes());
        assertEquals(1, s.writeMinReplicas());
    }

    @Test
    void clusterFlags() {
        Config c = NodeConfig.load(FlagParser.parseArgs(List.of("-zone=eu-1a",
                "-replicaReplaceDelay=90s", "-initialNodes=3", "-write.minReplicas=2",
                "-storageDataPath=/tmp/x")), Map.of());
        NodeSettings s = NodeSettings.from(c);
        assertEquals("eu-1a", s.zone());
        assertEquals(Duration.ofSeconds(90), s.replicaReplaceDelay());
        assertEquals(3, s.initialNodes());
        assertEquals(2, s.writeMinReplicas());
        assertEquals("/tmp/x/ddata/placement",
                c.getString("pekko.cluster.distributed-data.durable.lmdb.dir"));
        assertEquals(List.of("cairn-placement"),
                c.getStringList("pekko.cluster.distributed-data.durable.keys"));
        var badZone = assertThrows(IllegalArgumentException.class, () -> NodeConfig.load(
                FlagParser.parseArgs(List.of("-zone=a b")), Map.of()));
        assertTrue(badZone.getMessage().contains("-zone"), badZone.getMessage());
    }

    @Test
    void flagBeatsEnvironmentBeatsConfigFile() {
        Map<String, String> flags = FlagParser.parseArgs(
                List.of("-shards=8", "--httpListenAddr", "127.0.0.1:9000", "-fsync=always"));
        Map<String, String> env = Map.of("CAIRN_SHARDS", "16", "CAIRN_RETENTIONPERIOD", "15d",
                "CAIRN_DEDUP_MINSCRAPEINTERVAL", "30s");
        Config c = NodeConfig.load(flags, env);
        NodeSettings s = NodeSettings.from(c);
        assertEquals(8, s.shards());
        assertEquals(9000, s.httpListen().port());
        assertEquals("always", s.fsync());
        assertEquals(Duration.ofDays(15), s.retention());
        assertEquals(Duration.ofSeconds(30), s.dedupInterval());
    }

    @Test
    void pekkoSettingsAreDerivedFromFlags() {
        Config c = NodeConfig.load(FlagParser.parseArgs(List.of(
                "-clusterListenAddr=127.0.0.1:9401", "-seedNodes=127.0.0.1:9401,127.0.0.1:9402",
                "-storageDataPath=/tmp/x")), Map.of());
        assertEquals(9401, c.getInt("pekko.remote.artery.canonical.port"));
        assertEquals(List.of("pekko://cairn@127.0.0.1:9401", "pekko://cairn@127.0.0.1:9402"),
                c.getStringList("pekko.cluster.seed-nodes"));
        assertEquals("/tmp/x/meta", c.getString("cairn.journal.dir"));
    }

    @Test
    void badFlagsAreNamed() {
        var unknown = assertThrows(FlagParser.UsageException.class,
                () -> FlagParser.parseArgs(List.of("-nope=1")));
        assertEquals("unknown flag -nope (see -help)", unknown.getMessage());
        var badPort = assertThrows(IllegalArgumentException.class, () -> NodeConfig.load(
                FlagParser.parseArgs(List.of("-httpListenAddr=localhost:http")), Map.of()));
        assertTrue(badPort.getMessage().startsWith("-httpListenAddr=\"localhost:http\""),
                badPort.getMessage());
        var badFsync = assertThrows(IllegalArgumentException.class,
                () -> NodeConfig.load(Map.of("fsync", "sometimes"), Map.of()));
        assertTrue(badFsync.getMessage().contains("batch, always, never"));
    }

    @Test
    void durationsAndRetention() {
        assertEquals(Duration.ofMinutes(90), DurationParser.parse("f", "1h30m"));
        assertEquals(Duration.ofMillis(500), DurationParser.parse("f", "500ms"));
        assertEquals(Duration.ofDays(31 * 12), DurationParser.parseRetention("r", "12"));
        assertEquals(Duration.ofDays(365), DurationParser.parseRetention("r", "1y"));
        assertThrows(IllegalArgumentException.class, () -> DurationParser.parse("f", "5 parsecs"));
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        String help = FlagParser.help(NodeConfig.defaults());
        for (Flag f : Flags.ALL) {
            assertTrue(help.contains("-" + f.name() + "  (default"), f.name());
            assertTrue(help.contains(f.envName()), f.envName());
        }
        assertTrue(help.contains("-httpListenAddr  (default \"127.0.0.1:8428\""));
    }
}
