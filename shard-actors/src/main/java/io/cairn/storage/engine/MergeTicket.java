package io.cairn.storage.engine;

import io.cairn.shard.manifest.PartRef;
import java.util.List;

/** Parts of one day partition chosen to be merged into one; they stay readable meanwhile. */
public final class MergeTicket {
    final int day;
    final List<PartHandle> inputs;

    MergeTicket(int day, List<PartHandle> inputs) {
        this.day = day;
        this.inputs = List.copyOf(inputs);
        for (PartHandle p : this.inputs) {
            p.retain();
        }
    }

    public List<String> inputFileNames() {
        return inputs.stream().map(p -> p.ref.fileName()).toList();
    }

    public List<PartRef> inputs() {
        return inputs.stream().map(p -> p.ref).toList();
    }

    void releaseInputs() {
        for (PartHandle p : inputs) {
            p.release();
        }
    }
}
