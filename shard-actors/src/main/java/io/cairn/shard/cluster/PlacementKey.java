package io.cairn.shard.cluster;

import io.cairn.shard.placement.PlacementTable;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;

/**
 * The Distributed Data key of the placement: a last-writer-wins register whose "time" is the
 * placement version, so that merging two copies (after a partition, or a full restart from
 * the durable copies of several nodes) keeps the newest placement. The key is listed in
 * {@code pekko.cluster.distributed-data.durable.keys}, so every node keeps it on disk.
 */
public final class PlacementKey {
    public static final String NAME = "cairn-placement";
    public static final Key<LWWRegister<PlacementTable>> KEY = LWWRegisterKey.create(NAME);

    /** Register time = placement version. */
    public static final LWWRegister.Clock<PlacementTable> CLOCK =
            (currentTimestamp, value) -> value.version();

    private PlacementKey() {}
}
