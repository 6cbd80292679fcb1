package io.cairn.http.api;

import io.cairn.http.format.PromJson;
import io.cairn.http.ingest.MetricMetadata;
import io.cairn.http.ingest.MetricMetadataStore;
import io.cairn.storage.model.Tenant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/v1/metadata}: TYPE, HELP and UNIT of metric families as ingested (remote write
 * metadata, {@code # TYPE}/{@code # HELP} lines of the text format), in Prometheus' shape
 * {@code {"status":"success","data":{"up":[{"type":"gauge","help":"...","unit":""}]}}}.
 *
 * <p>Parameters as Prometheus: {@code metric} selects one family; {@code limit} caps the number
 * of families (negative: no cap, 0: none). The metadata is this node's: a family ingested only
 * through other nodes is not listed. Thread-safe.
 */
public final class MetadataApi {
    private final MetricMetadataStore store;

    public MetadataApi(MetricMetadataStore store) {
        this.store = store;
    }

    public ApiResponse metadata(Tenant tenant, String metric, String limit) {
        int lim = -1;
        if (limit != null && !limit.isEmpty()) {
            try {
                lim = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                return ApiResponse.badData("limit must be a number");
            }
        }
        if (lim == 0) {
            return ApiResponse.json(200, PromJson.metadata(Map.of()));
        }
        String family = metric == null || metric.isEmpty() ? null : metric;
        Map<String, MetricMetadata> found = store.query(tenant, family, Math.max(lim, 0));
        return ApiResponse.json(200, PromJson.metadata(new TreeMap<>(found)));
    }
}
