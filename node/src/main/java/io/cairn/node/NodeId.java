package io.cairn.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The node's stable identity, kept in {@code <data>/node-id}: a restarted node on another
 * host:port is still recognised and keeps its replicas (DESIGN.md §3).
 */
public record NodeId(String value) {

    static NodeId loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve("node-id");
        if (Files.exists(file)) {
            String v = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (v.isEmpty()) {
                throw new IOException(file + " is empty; delete it to give this node a new id");
            }
            return new NodeId(v);
        }
        String v = UUID.randomUUID().toString();
        Path tmp = dataDir.resolve("node-id.tmp");
        Files.writeString(tmp, v + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return new NodeId(v);
    }

    @Override
    public String toString() {
        return value;
    }
}
