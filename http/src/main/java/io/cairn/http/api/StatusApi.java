package io.cairn.http.api;

import io.cairn.http.format.PromJson;
import io.cairn.promql.parser.ParseException;
import io.cairn.promql.parser.PromQLParser;

/**
 * The Prometheus endpoints Grafana calls besides queries, answered from what a Cairn node
 * knows without reading storage:
 *
 * <ul>
 *   <li>{@code /api/v1/status/buildinfo}: Prometheus' field set. Grafana reads {@code version}
 *       to decide which Prometheus API features it may use and treats a body without
 *       {@code application} and {@code features} as Prometheus proper, so Cairn reports the
 *       Prometheus API level it implements ({@link #PROMETHEUS_API_VERSION}) there and its own
 *       version in {@code revision};
 *   <li>{@code /api/v1/status/config}: an empty configuration (Cairn has no scrape config);
 *   <li>{@code /api/v1/rules}, {@code /api/v1/alerts}: no rules, no alerts (Cairn evaluates
 *       none);
 *   <li>{@code /api/v1/query_exemplars}: validates its parameters and returns no exemplars
 *       (Cairn stores none).
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class StatusApi {
    /** The Prometheus release whose HTTP API Cairn answers like. */
    public static final String PROMETHEUS_API_VERSION = "2.53.0";

    private final byte[] buildInfo;

    /** @param cairnVersion the version of this build of Cairn, reported as the revision */
    public StatusApi(String cairnVersion) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"status\":\"success\",\"data\":{\"version\":");
        PromJson.appendString(sb, PROMETHEUS_API_VERSION);
        sb.append(",\"revision\":");
        PromJson.appendString(sb, "cairn-" + cairnVersion);
        sb.append(",\"branch\":\"cairn\",\"buildUser\":\"cairn\",\"buildDate\":\"unknown\","
                + "\"goVersion\":\"n/a\"}}");
        this.buildInfo = ApiResponse.json(200, sb.toString()).body();
    }

    /** The version of the running Cairn from its jar manifest, or "dev" outside a jar. */
    public static String runningVersion() {
        String v = StatusApi.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public ApiResponse buildInfo() {
        return new ApiResponse(200, ApiResponse.JSON, buildInfo.clone());
    }

    public ApiResponse config() {
        return ApiResponse.json(200, "{\"status\":\"success\",\"data\":{\"yaml\":\"\"}}");
    }

    public ApiResponse rules() {
        return ApiResponse.json(200, "{\"status\":\"success\",\"data\":{\"groups\":[]}}");
    }

    public ApiResponse alerts() {
        return ApiResponse.json(200, "{\"status\":\"success\",\"data\":{\"alerts\":[]}}");
    }

    /**
     * {@code /api/v1/query_exemplars}: the same validation as Prometheus (start, end, their
     * order, the query), then an empty list.
     */
    public ApiResponse exemplars(String query, String start, String end) {
        try {
            long minT = ApiParams.timeMs("start", start, ApiParams.MIN_TIME_MS);
            long maxT = ApiParams.timeMs("end", end, ApiParams.MAX_TIME_MS);
            if (maxT < minT) {
                return ApiResponse.badData("invalid parameter \"end\": end timestamp must not be "
                        + "before start time");
            }
            PromQLParser.parse(query == null ? "" : query);
        } catch (ParseException e) {
            return ApiResponse.badData("invalid parameter \"query\": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return ApiResponse.badData(e.getMessage());
        }
        return ApiResponse.json(200, "{\"status\":\"success\",\"data\":[]}");
    }
}
