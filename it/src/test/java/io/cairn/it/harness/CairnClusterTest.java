package io.cairn.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines a cluster would run; no node is started. */
class CairnClusterTest {
    @Test
    void everyNodeSeedsFromAllNodesWithItsOwnPortsAndDirectories(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("cairn.jar"));
        try (CairnCluster cluster = CairnCluster.create(dir, 3, (i, b) -> b.jar(jar).flag("-zone=z" + i))) {
            assertEquals(3, cluster.size());
            String seeds = "-seedNodes=" + cluster.node(0).clusterAddress() + "," + cluster.node(1).clusterAddress()
                    + "," + cluster.node(2).clusterAddress();
            Set<Integer> ports = new HashSet<>();
            Set<Path> dataDirs = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                CairnNode n = cluster.node(i);
                List<String> cmd = n.command();
                assertTrue(cmd.contains(seeds), cmd.toString());
                assertTrue(cmd.contains("-zone=z" + i), cmd.toString());
                assertTrue(cmd.contains("-httpListenAddr=127.0.0.1:" + n.httpPort()), cmd.toString());
                assertTrue(cmd.contains("-clusterListenAddr=127.0.0.1:" + n.clusterPort()), cmd.toString());
                assertTrue(cmd.contains("-managementListenAddr=127.0.0.1:" + n.managementPort()), cmd.toString());
                assertTrue(cmd.contains("-storageDataPath=" + n.dataDir()), cmd.toString());
                assertEquals(jar.toString(), cmd.get(cmd.indexOf("-jar") + 1));
                assertEquals("n" + (i + 1), n.name());
                ports.addAll(List.of(n.httpPort(), n.clusterPort(), n.managementPort()));
                dataDirs.add(n.dataDir());
            }
            assertEquals(9, ports.size(), "ports must be distinct: " + ports);
            assertEquals(3, dataDirs.size());
        }
        assertThrows(IllegalArgumentException.class, () -> CairnCluster.create(dir, 0, (i, b) -> { }));
    }
}
