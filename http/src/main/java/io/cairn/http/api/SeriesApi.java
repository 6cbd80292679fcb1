package io.cairn.http.api;

import io.cairn.http.format.PromJson;
import io.cairn.query.ShardReads;
import io.cairn.shard.replica.ReadRequest;
import io.cairn.shard.replica.ReadResult;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The metadata endpoints of the Prometheus API: /api/v1/series, /api/v1/labels and
 * /api/v1/label/&lt;name&gt;/values, answered by fanning out to every shard and merging the
 * sorted answers. Several {@code match[]} selectors are a union, as in Prometheus. Shards that
 * cannot be read make the answer partial or, when denied, a 503 ({@link PartialAnswers}).
 */
public final class SeriesApi {
    private final ShardReads reads;
    private final int defaultLimit;
    private final boolean denyPartialByDefault;

    public SeriesApi(ShardReads reads, int defaultLimit) {
        this(reads, defaultLimit, false);
    }

    /** @param denyPartialByDefault -search.denyPartialResponse */
    public SeriesApi(ShardReads reads, int defaultLimit, boolean denyPartialByDefault) {
        this.reads = reads;
        this.defaultLimit = defaultLimit;
        this.denyPartialByDefault = denyPartialByDefault;
    }

    public CompletionStage<ApiResponse> series(Tenant tenant, List<String> match, String start,
            String end, String limit) {
        return series(tenant, match, start, end, limit, null);
    }

    /** @param denyPartial the {@code deny_partial_response} parameter, null when absent */
    public CompletionStage<ApiResponse> series(Tenant tenant, List<String> match, String start,
            String end, String limit, String denyPartial) {
        try {
            boolean deny = ApiParams.denyPartial(denyPartial, denyPartialByDefault);
            if (match.isEmpty()) {
                return done(ApiResponse.badData("no match[] parameter provided"));
            }
            long minT = ApiParams.timeMs("start", start, ApiParams.MIN_TIME_MS);
            long maxT = ApiParams.timeMs("end", end, ApiParams.MAX_TIME_MS);
            int lim = ApiParams.limit(limit, defaultLimit);
            return union(ApiParams.selectors(match), m -> new ReadRequest.SeriesLabels(tenant, m,
                    minT, maxT, lim), r -> ((ReadResult.LabelSets) r).labels(), deny)
                    .thenApply(g -> g.error() != null ? g.error()
                            : ApiResponse.json(200, PartialAnswers.flag(PromJson.series(
                                    trim(g.values(), lim), warnings(g)), g.partial())));
        } catch (IllegalArgumentException e) {
            return done(ApiResponse.badData(e.getMessage()));
        }
    }

    public CompletionStage<ApiResponse> labelNames(Tenant tenant, List<String> match,
            String start, String end, String limit) {
        return labelNames(tenant, match, start, end, limit, null);
    }

    /** @param denyPartial the {@code deny_partial_response} parameter, null when absent */
    public CompletionStage<ApiResponse> labelNames(Tenant tenant, List<String> match,
            String start, String end, String limit, String denyPartial) {
        return strings(tenant, match, start, end, limit, denyPartial,
                (m, minT, maxT, lim) -> new ReadRequest.LabelNames(tenant, m, minT, maxT, lim));
    }

    public CompletionStage<ApiResponse> labelValues(Tenant tenant, String name,
            List<String> match, String start, String end, String limit) {
        return labelValues(tenant, name, match, start, end, limit, null);
    }

    /** @param denyPartial the {@code deny_partial_response} parameter, null when absent */
    public CompletionStage<ApiResponse> labelValues(Tenant tenant, String name,
            List<String> match, String start, String end, String limit, String denyPartial) {
        return strings(tenant, match, start, end, limit, denyPartial,
                (m, minT, maxT, lim) -> new ReadRequest.LabelValues(tenant, name, m, minT, maxT,
                        lim));
    }

    private interface StringsRequest {
        ReadRequest make(List<LabelMatcher> matchers, long minT, long maxT, int limit);
    }

    private CompletionStage<ApiResponse> strings(Tenant tenant, List<String> match, String start,
            String end, String limit, String denyPartial, StringsRequest request) {
        try {
            boolean deny = ApiParams.denyPartial(denyPartial, denyPartialByDefault);
            long minT = ApiParams.timeMs("start", start, ApiParams.MIN_TIME_MS);
            long maxT = ApiParams.timeMs("end", end, ApiParams.MAX_TIME_MS);
            int lim = ApiParams.limit(limit, defaultLimit);
            List<List<LabelMatcher>> selectors = match.isEmpty()
                    ? List.of(List.of()) : ApiParams.selectors(match);
            return union(selectors, m -> request.make(m, minT, maxT, lim),
                    r -> ((ReadResult.Strings) r).values(), deny)
                    .thenApply(g -> g.error() != null ? g.error()
                            : ApiResponse.json(200, PartialAnswers.flag(PromJson.strings(
                                    trim(g.values(), lim), warnings(g)), g.partial())));
        } catch (IllegalArgumentException e) {
            return done(ApiResponse.badData(e.getMessage()));
        }
    }

    private record Union<T>(List<T> values, List<String> unavailable, ApiResponse error) {
        boolean partial() {
            return !unavailable.isEmpty();
        }
    }

    /** Reads every selector from every shard and merges the answers into a sorted set. */
    private <T extends Comparable<T>> CompletionStage<Union<T>> union(
            List<List<LabelMatcher>> selectors, Function<List<LabelMatcher>, ReadRequest> request,
            Function<ReadResult, List<T>> values, boolean denyPartial) {
        List<CompletableFuture<ShardReads.Gathered>> all = new ArrayList<>();
        for (List<LabelMatcher> m : selectors) {
            all.add(reads.gather(request.apply(m)).toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).thenApply(v -> {
            TreeSet<T> merged = new TreeSet<>();
            List<String> unavailable = new ArrayList<>();
            for (CompletableFuture<ShardReads.Gathered> f : all) {
                ShardReads.Gathered g = f.getNow(null);
                if (g.limitError() != null) {
                    return new Union<T>(List.of(), List.of(),
                            ApiResponse.error(422, PromJson.EXECUTION, g.limitError()));
                }
                unavailable.addAll(g.unavailableShards());
                for (ReadResult r : g.results()) {
                    merged.addAll(values.apply(r));
                }
            }
            ApiResponse refused = PartialAnswers.refusal(unavailable, denyPartial);
            if (refused != null) {
                return new Union<T>(List.of(), List.of(), refused);
            }
            return new Union<>(new ArrayList<>(merged), unavailable, null);
        });
    }

    private static <T> List<T> trim(List<T> values, int limit) {
        return values.size() > limit ? values.subList(0, limit) : values;
    }

    private static List<String> warnings(Union<?> u) {
        return PartialAnswers.warnings(u.unavailable());
    }

    private static CompletionStage<ApiResponse> done(ApiResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
