package io.cairn.it.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * N Cairn nodes on 127.0.0.1 that form one cluster: every node gets
 * {@code -seedNodes=<cluster address of every node>}, its own ports, data directory
 * ({@code home/n<i>/data}) and log. Nodes are started, crashed and restarted one by one through
 * {@link #node(int)}; {@link #close()} kills whatever still runs. Not thread safe.
 */
public final class CairnCluster implements AutoCloseable {
    private final List<CairnNode> nodes;

    private CairnCluster(List<CairnNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Configures {@code size} nodes named n1..n<size>, not started. {@code customize} may add
     * flags or JVM options per node (index from 0).
     */
    public static CairnCluster create(Path home, int size, BiConsumer<Integer, CairnNode.Builder> customize) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, got " + size);
        }
        int[] ports = FreePorts.allocate(3 * size);
        StringBuilder seeds = new StringBuilder();
        for (int i = 0; i < size; i++) {
            seeds.append(i == 0 ? "" : ",").append("127.0.0.1:").append(ports[3 * i + 1]);
        }
        List<CairnNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = "n" + (i + 1);
            CairnNode.Builder b = CairnNode.builder(home.resolve(name), name)
                    .ports(ports[3 * i], ports[3 * i + 1], ports[3 * i + 2])
                    .flag("-seedNodes=" + seeds);
            customize.accept(i, b);
            nodes.add(b.build());
        }
        return new CairnCluster(nodes);
    }

    /** Node {@code i}, counted from 0. */
    public CairnNode node(int i) {
        return nodes.get(i);
    }

    public List<CairnNode> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    /** Starts every node that is not running, without waiting. */
    public void start() {
        for (CairnNode n : nodes) {
            if (!n.isAlive()) {
                n.start();
            }
        }
    }

    /** Waits until every running node answers /health; the deadline applies to each node in turn. */
    public void waitHealthy(Duration timeoutPerNode) {
        for (CairnNode n : nodes) {
            if (n.isAlive()) {
                n.waitHealthy(timeoutPerNode);
            }
        }
    }

    /** Kills every node that still runs (SIGKILL); data and logs stay. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (CairnNode n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
