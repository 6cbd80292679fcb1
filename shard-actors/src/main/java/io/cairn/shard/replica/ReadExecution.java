package io.cairn.shard.replica;

import io.cairn.storage.engine.StoreReader;

/** Runs a {@link ReadRequest} against a store's reader (on the read dispatcher). */
final class ReadExecution {
    private ReadExecution() {}

    static ReadResult execute(StoreReader reader, ReadRequest request) {
        if (request instanceof ReadRequest.Samples r) {
            return new ReadResult.Samples(reader.select(r.tenant(), r.matchers(), r.minTimeMs(),
                    r.maxTimeMs(), r.maxSeries()));
        }
        if (request instanceof ReadRequest.SeriesLabels r) {
            return new ReadResult.LabelSets(reader.series(r.tenant(), r.matchers(),
                    r.minTimeMs(), r.maxTimeMs(), r.limit()));
        }
        if (request instanceof ReadRequest.LabelNames r) {
            return new ReadResult.Strings(reader.labelNames(r.tenant(), r.matchers(),
                    r.minTimeMs(), r.maxTimeMs(), r.limit()));
        }
        if (request instanceof ReadRequest.LabelValues r) {
            return new ReadResult.Strings(reader.labelValues(r.tenant(), r.name(), r.matchers(),
                    r.minTimeMs(), r.maxTimeMs(), r.limit()));
        }
        if (request instanceof ReadRequest.Cardinality r) {
            return new ReadResult.Cardinality(reader.status(r.tenant(), r.minTimeMs(),
                    r.maxTimeMs(), r.topN()));
        }
        throw new IllegalStateException("BUG: unknown read request " + request);
    }
}
