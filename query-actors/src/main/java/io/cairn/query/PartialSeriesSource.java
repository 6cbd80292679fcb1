package io.cairn.query;

import io.cairn.storage.api.SeriesSource;

/**
 * A storage view whose partial answers are tracked per request: the PromQL engine sees a plain
 * {@link SeriesSource}, while the request's {@link PartialResponse} learns which shards were
 * missing, so the HTTP answer can say {@code "isPartial": true}.
 */
@FunctionalInterface
public interface PartialSeriesSource {

    /** The source for one request, recording missing shards into {@code partial}. */
    SeriesSource forRequest(PartialResponse partial);

    /** A source that is never partial (one node, tests): every request gets {@code source}. */
    static PartialSeriesSource complete(SeriesSource source) {
        return partial -> source;
    }
}
