package io.cairn.storage.engine;

import io.cairn.shard.manifest.PartRef;
import io.cairn.storage.index.SeriesIndex;
import java.nio.file.Path;

/**
 * A part copied from a sibling replica on its way into this store: the name it gets here and
 * the index records (its series) that must be durable before the manifest may list it. Made by
 * {@link ShardStore#prepareImport} on the owner thread, carried through
 * {@link ShardStore#writeImport} (IO) and then committed or aborted by the owner.
 */
public final class ImportTicket {
    final PartRef sourceRef;
    final PartRef ref;
    final SeriesIndex.PendingSync indexSync;
    /** Where the part goes: the store's parts directory, under {@link #ref}'s name. */
    final Path target;

    ImportTicket(PartRef sourceRef, PartRef ref, SeriesIndex.PendingSync indexSync, Path target) {
        this.sourceRef = sourceRef;
        this.ref = ref;
        this.indexSync = indexSync;
        this.target = target;
    }

    /** The part as the sibling listed it. */
    public PartRef sourceRef() {
        return sourceRef;
    }

    /** The part as this replica's manifest will list it (same contents, a local name). */
    public PartRef ref() {
        return ref;
    }
}
