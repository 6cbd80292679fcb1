package io.cairn.http.api;

import io.cairn.query.ShardsUnavailableException;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.api.SeriesLimitExceededException;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import io.cairn.storage.model.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * {@code /federate}: the latest sample of every series matching any {@code match[]} selector,
 * as Prometheus federation serves it: taken from the lookback window {@code [now - lookback,
 * now]}, staleness markers dropped (the series is left out), series without a metric name
 * left out, grouped into one untyped family per metric name (sorted by name, then labels), in
 * the text exposition format with millisecond timestamps ({@link FederateText}). No
 * {@code match[]} gives an empty body, as in Prometheus.
 *
 * <p>Errors are plain text like Prometheus': 400 for a bad selector, 422 when more than
 * -search.maxSeries series match one selector, 503 when a shard cannot be read (federation is
 * never silently partial). Reads block, so they run on the query executor. Thread-safe.
 */
public final class FederateApi {
    /** The content type of the text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Comparator<Labels> BY_NAME_THEN_LABELS =
            Comparator.comparing(Labels::metricName).thenComparing(Comparator.naturalOrder());

    private final SeriesSource source;
    private final long lookbackMs;
    private final int maxSeries;
    private final Executor executor;
    private final LongSupplier clockMs;

    /**
     * @param lookbackMs how old the latest sample may be (the query lookback delta)
     * @param executor runs the blocking reads: the query dispatcher
     */
    public FederateApi(SeriesSource source, long lookbackMs, int maxSeries, Executor executor,
            LongSupplier clockMs) {
        this.source = source;
        this.lookbackMs = lookbackMs;
        this.maxSeries = maxSeries;
        this.executor = executor;
        this.clockMs = clockMs;
    }

    public CompletionStage<ApiResponse> federate(Tenant tenant, List<String> match) {
        List<List<LabelMatcher>> selectors;
        try {
            selectors = ApiParams.selectors(match);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(text(400, e.getMessage()));
        }
        long now = clockMs.getAsLong();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new ApiResponse(200, CONTENT_TYPE, render(latest(tenant, selectors, now)));
            } catch (SeriesLimitExceededException e) {
                return text(422, e.getMessage());
            } catch (ShardsUnavailableException e) {
                return text(503, e.getMessage());
            } catch (RuntimeException e) {
                return text(500, "federation failed: " + e);
            }
        }, executor);
    }

    /** One latest sample per series. */
    private record Latest(Labels labels, long timeMs, double value) {}

    private List<Latest> latest(Tenant tenant, List<List<LabelMatcher>> selectors, long now) {
        List<Latest> out = new ArrayList<>();
        Set<Labels> seen = new HashSet<>();
        for (List<LabelMatcher> m : selectors) {
            for (SeriesData s : source.select(tenant, m, now - lookbackMs, now, maxSeries)) {
                if (s.count() == 0 || s.labels().metricName() == null || !seen.add(s.labels())) {
                    continue;
                }
                double v = s.values()[s.count() - 1];
                if (!StaleMarker.is(v)) {
                    out.add(new Latest(s.labels(), s.timestamps()[s.count() - 1], v));
                }
            }
        }
        out.sort(Comparator.comparing(Latest::labels, BY_NAME_THEN_LABELS));
        return out;
    }

    private static byte[] render(List<Latest> samples) {
        StringBuilder sb = new StringBuilder(64 + 80 * samples.size());
        String family = null;
        for (Latest s : samples) {
            String name = s.labels().metricName();
            if (!name.equals(family)) {
                FederateText.appendType(sb, name);
                family = name;
            }
            FederateText.appendSample(sb, s.labels(), s.timeMs(), s.value());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ApiResponse text(int status, String message) {
        return new ApiResponse(status, ApiResponse.TEXT,
                (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
