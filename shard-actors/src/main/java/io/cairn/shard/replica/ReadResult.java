package io.cairn.shard.replica;

import io.cairn.storage.api.SeriesData;
import io.cairn.storage.api.StepRows;
import io.cairn.storage.index.TsdbStatus;
import io.cairn.storage.model.Labels;
import java.util.List;

/** The answer of a replica to a {@link ReadRequest}. */
public sealed interface ReadResult extends io.cairn.shard.serialization.CairnMessage {

    record Samples(List<SeriesData> series) implements ReadResult {}

    record Rolled(StepRows rows) implements ReadResult {}

    record LabelSets(List<Labels> labels) implements ReadResult {}

    record Strings(List<String> values) implements ReadResult {}

    record Cardinality(TsdbStatus status) implements ReadResult {}

    /**
     * The read could not be answered.
     *
     * @param limitExceeded the query selected too many series: a client error, not a failure
     */
    record Failed(String message, boolean limitExceeded) implements ReadResult {}
}
