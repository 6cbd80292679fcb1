package io.cairn.shard.replica;

/**
 * Identity of one shard replica, also its sharding entity id {@code s<shard>-r<replica>-g<gen>}.
 * The generation changes when a replica is re-created elsewhere, so an old copy's persisted
 * metadata is never confused with the new one's.
 */
public record ReplicaId(int shard, int replica, int generation) {

    public ReplicaId {
        if (shard < 0 || replica < 0 || generation < 0) {
            throw new IllegalArgumentException("negative replica id part: s" + shard + "-r"
                    + replica + "-g" + generation);
        }
    }

    public String entityId() {
        return "s" + shard + "-r" + replica + "-g" + generation;
    }

    /** @throws IllegalArgumentException when the text is not an entity id */
    public static ReplicaId parse(String entityId) {
        String[] p = entityId.split("-");
        if (p.length != 3 || !p[0].startsWith("s") || !p[1].startsWith("r")
                || !p[2].startsWith("g")) {
            throw new IllegalArgumentException("not a replica entity id: \"" + entityId + "\"");
        }
        try {
            return new ReplicaId(Integer.parseInt(p[0].substring(1)),
                    Integer.parseInt(p[1].substring(1)), Integer.parseInt(p[2].substring(1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a replica entity id: \"" + entityId + "\"");
        }
    }

    @Override
    public String toString() {
        return entityId();
    }
}
