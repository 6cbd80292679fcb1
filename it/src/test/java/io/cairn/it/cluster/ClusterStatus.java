package io.cairn.it.cluster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of {@code GET /api/v1/status/cluster} the cluster tests check: members and the
 * placement (every shard's replicas with node and state).
 */
record ClusterStatus(boolean ready, Long placementVersion, List<Node> nodes,
        Map<Integer, List<Replica>> shards) {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    record Node(String id, String address, String zone, String status, boolean reachable) {}

    record Replica(String id, String node, int generation, String state) {}

    /** Whether every shard has exactly {@code rf} AVAILABLE replicas, on distinct live nodes. */
    boolean fullyAvailable(int shardCount, int rf, int nodeCount) {
        Set<String> up = new HashSet<>();
        for (Node n : nodes) {
            if (n.status().equals("Up") && n.reachable()) {
                up.add(n.id());
            }
        }
        if (!ready || up.size() != nodeCount || shards.size() != shardCount) {
            return false;
        }
        for (List<Replica> replicas : shards.values()) {
            Set<String> on = new HashSet<>();
            for (Replica r : replicas) {
                if (!r.state().equals("AVAILABLE") || !up.contains(r.node()) || !on.add(r.node())) {
                    return false;
                }
            }
            if (on.size() != rf) {
                return false;
            }
        }
        return true;
    }

    /** Replicas per node id. */
    Map<String, Integer> replicasPerNode() {
        Map<String, Integer> m = new HashMap<>();
        for (List<Replica> replicas : shards.values()) {
            for (Replica r : replicas) {
                m.merge(r.node(), 1, Integer::sum);
            }
        }
        return m;
    }

    static ClusterStatus parse(byte[] body) throws IOException {
        boolean ready = false;
        Long version = null;
        List<Node> nodes = new ArrayList<>();
        Map<Integer, List<Replica>> shards = new HashMap<>();
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("data")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "ready" -> ready = p.getBooleanValue();
                        case "placementVersion" -> version =
                                t == JsonToken.VALUE_NULL ? null : p.getLongValue();
                        case "nodes" -> {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                Map<String, String> f = fields(p);
                                nodes.add(new Node(f.get("id"), f.get("address"), f.get("zone"),
                                        f.get("status"), Boolean.parseBoolean(f.get("reachable"))));
                            }
                        }
                        case "shards" -> {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                int shard = -1;
                                List<Replica> replicas = new ArrayList<>();
                                while (p.nextToken() == JsonToken.FIELD_NAME) {
                                    String sf = p.currentName();
                                    p.nextToken();
                                    if (sf.equals("shard")) {
                                        shard = p.getIntValue();
                                    } else if (sf.equals("replicas")) {
                                        while (p.nextToken() == JsonToken.START_OBJECT) {
                                            Map<String, String> f = fields(p);
                                            replicas.add(new Replica(f.get("id"), f.get("node"),
                                                    Integer.parseInt(f.get("generation")),
                                                    f.get("state")));
                                        }
                                    } else {
                                        p.skipChildren();
                                    }
                                }
                                shards.put(shard, replicas);
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            }
        }
        return new ClusterStatus(ready, version, nodes, shards);
    }

    /** The scalar fields of the object the parser is in, as text. */
    private static Map<String, String> fields(JsonParser p) throws IOException {
        Map<String, String> f = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t.isStructStart()) {
                p.skipChildren();
            } else {
                f.put(name, t == JsonToken.VALUE_NULL ? null : p.getText());
            }
        }
        return f;
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("expected " + wanted + ", got " + actual);
        }
    }

    /** Members that Pekko Management's {@code /cluster/members} lists with status Up. */
    static int upMembers(byte[] body) throws IOException {
        int up = 0;
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("members")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    if ("Up".equals(fields(p).get("status"))) {
                        up++;
                    }
                }
            }
        }
        return up;
    }
}
