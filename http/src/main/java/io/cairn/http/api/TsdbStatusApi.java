package io.cairn.http.api;

import io.cairn.http.format.PromJson;
import io.cairn.query.ShardReads;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.storage.index.TsdbStatus;
import io.cairn.storage.model.Tenant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * {@code /api/v1/status/tsdb}: cardinality statistics of a tenant, gathered from every shard and
 * merged, in Prometheus' shape plus VictoriaMetrics' extra fields:
 *
 * <pre>
 * {"status":"success","data":{
 *   "headStats":{"numSeries":N,"numLabelPairs":P,"minTime":ms,"maxTime":ms},
 *   "seriesCountByMetricName":[{"name":"up","value":3}],
 *   "labelValueCountByLabelName":[...],"memoryInBytesByLabelName":[...],
 *   "seriesCountByLabelValuePair":[...],
 *   "totalSeries":N,"totalLabelValuePairs":P,"seriesCountByLabelName":[...]}}
 * </pre>
 *
 * <p>Parameters as VictoriaMetrics takes them: {@code topN} (Prometheus: {@code limit}) entries
 * per list, 10 by default, at most 1000; {@code date=YYYY-MM-DD} the day (UTC) whose active
 * series are counted, today by default, {@code 1970-01-01} for all days. {@code minTime} and
 * {@code maxTime} are the bounds of the counted window (Cairn has no head block), and there is
 * no {@code chunkCount}. Filtering by {@code match[]} or {@code focusLabel} is refused rather
 * than ignored.
 *
 * <p>Merging: each series lives in exactly one shard, so series counts add up exactly. Distinct
 * label values can repeat across shards: {@code labelValueCountByLabelName} takes the largest
 * per-shard count (a lower bound) and {@code totalLabelValuePairs} the sum (an upper bound),
 * as VictoriaMetrics does. Every shard reports only its own top N, so an entry just outside a
 * shard's top N is undercounted in the merged list. A shard that cannot answer makes the
 * request fail with 503: a silently partial census would mislead. Thread-safe.
 */
public final class TsdbStatusApi {
    /** Gathers one read from every shard (ShardReads::gather in a node). */
    @FunctionalInterface
    public interface Reads {
        CompletionStage<ShardReads.Gathered> gather(ReadRequest request);
    }

    public static final int DEFAULT_TOP_N = 10;
    public static final int MAX_TOP_N = 1000;
    private static final long DAY_MS = 86_400_000L;
    /** The date VictoriaMetrics reads as "every day". */
    private static final String ALL_DAYS = "1970-01-01";

    private final Reads reads;
    private final LongSupplier clockMs;

    public TsdbStatusApi(Reads reads, LongSupplier clockMs) {
        this.reads = reads;
        this.clockMs = clockMs;
    }

    public CompletionStage<ApiResponse> status(Tenant tenant, String topN, String limit,
            String date, List<String> match, String focusLabel) {
        int n;
        boolean allDays = ALL_DAYS.equals(date);
        long minT;
        long maxT;
        try {
            if (match.stream().anyMatch(m -> !m.isEmpty())) {
                throw new IllegalArgumentException("invalid parameter \"match[]\": Cairn cannot "
                        + "filter /api/v1/status/tsdb by series selector yet");
            }
            if (focusLabel != null && !focusLabel.isEmpty()) {
                throw new IllegalArgumentException("invalid parameter \"focusLabel\": Cairn does "
                        + "not support focusLabel yet");
            }
            boolean vmName = topN != null && !topN.isEmpty();
            n = topN(vmName ? "topN" : "limit", vmName ? topN : limit);
            long now = clockMs.getAsLong();
            minT = allDays ? 0 : dayStart(date, now);
            maxT = allDays ? now : minT + DAY_MS - 1;
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ApiResponse.badData(e.getMessage()));
        }
        long min = minT;
        long max = maxT;
        // All days reach back before 1970 and ahead of the clock too: no bounds for the index.
        ReadRequest request = new ReadRequest.Cardinality(tenant,
                allDays ? ApiParams.MIN_TIME_MS : minT, allDays ? ApiParams.MAX_TIME_MS : maxT, n);
        return reads.gather(request)
                .thenApply(g -> respond(g, n, min, max));
    }

    private static ApiResponse respond(ShardReads.Gathered g, int n, long minT, long maxT) {
        if (g.limitError() != null) {
            return ApiResponse.error(422, PromJson.EXECUTION, g.limitError());
        }
        if (!g.unavailableShards().isEmpty()) {
            return ApiResponse.unavailable("cannot read the statistics of all shards: "
                    + String.join("; ", g.unavailableShards()));
        }
        List<TsdbStatus> parts = new ArrayList<>(g.results().size());
        for (ReadResult r : g.results()) {
            parts.add(((ReadResult.Cardinality) r).status());
        }
        return ApiResponse.json(200, json(TsdbStatusMerge.merge(parts, n), minT, maxT));
    }

    static String json(TsdbStatus s, long minT, long maxT) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\"status\":\"success\",\"data\":{\"headStats\":{\"numSeries\":")
                .append(s.totalSeries()).append(",\"numLabelPairs\":")
                .append(s.totalLabelValuePairs()).append(",\"minTime\":").append(minT)
                .append(",\"maxTime\":").append(maxT).append('}');
        appendEntries(sb, "seriesCountByMetricName", s.seriesCountByMetricName());
        appendEntries(sb, "labelValueCountByLabelName", s.labelValueCountByLabelName());
        appendEntries(sb, "memoryInBytesByLabelName", s.memoryInBytesByLabelName());
        appendEntries(sb, "seriesCountByLabelValuePair", s.seriesCountByLabelValuePair());
        sb.append(",\"totalSeries\":").append(s.totalSeries())
                .append(",\"totalLabelValuePairs\":").append(s.totalLabelValuePairs());
        appendEntries(sb, "seriesCountByLabelName", s.seriesCountByLabelName());
        return sb.append("}}").toString();
    }

    private static void appendEntries(StringBuilder sb, String field,
            List<TsdbStatus.Entry> entries) {
        sb.append(",\"").append(field).append("\":[");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"name\":");
            PromJson.appendString(sb, entries.get(i).name());
            sb.append(",\"value\":").append(entries.get(i).value()).append('}');
        }
        sb.append(']');
    }

    private static int topN(String name, String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_TOP_N;
        }
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 && v <= MAX_TOP_N) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid parameter \"" + name + "\": \"" + text
                + "\" is not an integer from 1 to " + MAX_TOP_N);
    }

    private static long dayStart(String date, long nowMs) {
        if (date == null || date.isEmpty()) {
            return Math.floorDiv(nowMs, DAY_MS) * DAY_MS;
        }
        try {
            return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid parameter \"date\": cannot parse \"" + date
                    + "\" as YYYY-MM-DD");
        }
    }
}
