package io.cairn.http.api;

import io.cairn.http.format.JsonLinesWriter;
import io.cairn.http.format.PromJson;
import io.cairn.query.ShardReads;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code /api/v1/export}: raw samples of the series matching any {@code match[]} selector in
 * [start, end], one JSON line per series in VictoriaMetrics' import format, values exactly as
 * stored. Refuses with 503 naming the shards when one cannot be read, whatever
 * -search.denyPartialResponse says: export is for copying data out (backups, migrations), which
 * must not be silently incomplete, and its body (JSON lines) has no place to flag a partial
 * answer. VictoriaMetrics' vmselect makes the same choice for {@code /api/v1/export*}.
 */
public final class ExportApi {
    private final ShardReads reads;
    private final int maxSeries;

    public ExportApi(ShardReads reads, int maxSeries) {
        this.reads = reads;
        this.maxSeries = maxSeries;
    }

    public CompletionStage<ApiResponse> export(Tenant tenant, List<String> match, String start,
            String end) {
        List<List<LabelMatcher>> selectors;
        long minT;
        long maxT;
        try {
            if (match.isEmpty()) {
                return CompletableFuture.completedFuture(
                        ApiResponse.badData("missing match[] parameter"));
            }
            selectors = ApiParams.selectors(match);
            minT = ApiParams.timeMs("start", start, ApiParams.MIN_TIME_MS);
            maxT = ApiParams.timeMs("end", end, ApiParams.MAX_TIME_MS);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ApiResponse.badData(e.getMessage()));
        }
        List<CompletableFuture<ShardReads.Gathered>> all = new ArrayList<>();
        for (List<LabelMatcher> m : selectors) {
            all.add(reads.gather(new ReadRequest.Samples(tenant, m, minT, maxT, maxSeries))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture[0]))
                .thenApply(v -> render(all));
    }

    private ApiResponse render(List<CompletableFuture<ShardReads.Gathered>> all) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        JsonLinesWriter writer = new JsonLinesWriter();
        Set<Labels> written = new HashSet<>();
        for (CompletableFuture<ShardReads.Gathered> f : all) {
            ShardReads.Gathered g = f.getNow(null);
            if (g.limitError() != null) {
                return ApiResponse.error(422, PromJson.EXECUTION, g.limitError());
            }
            if (!g.unavailableShards().isEmpty()) {
                return ApiResponse.unavailable("cannot export all shards (export never answers "
                        + "partially): " + String.join("; ", g.unavailableShards()));
            }
            for (ReadResult r : g.results()) {
                for (SeriesData s : ((ReadResult.Samples) r).series()) {
                    if (written.add(s.labels())) {
                        write(writer, s, out);
                    }
                }
            }
        }
        return new ApiResponse(200, "application/stream+json", out.toByteArray());
    }

    private static void write(JsonLinesWriter writer, SeriesData s, ByteArrayOutputStream out) {
        try {
            writer.write(s.labels(), s.timestamps(), s.values(), s.count(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
