package io.cairn.http.api;

/**
 * The raw parameters of {@code /api/v1/query} and {@code /api/v1/query_range} as the client sent
 * them (null when absent). Parameters Prometheus and VictoriaMetrics clients add that Cairn has
 * no use for ({@code nocache}, {@code stats}, {@code deny_partial_response}, ...) are simply not
 * carried: a query never answers partially, so {@code deny_partial_response} is always honoured.
 *
 * @param lookbackDelta Prometheus' {@code lookback_delta}: overrides the 5m lookback when set
 */
public record QueryParams(String query, String time, String start, String end, String step,
        String timeout, String lookbackDelta) {

    /** The parameters of an instant query. */
    public static QueryParams instant(String query, String time) {
        return new QueryParams(query, time, null, null, null, null, null);
    }

    /** The parameters of a range query. */
    public static QueryParams range(String query, String start, String end, String step) {
        return new QueryParams(query, null, start, end, step, null, null);
    }

    public QueryParams withTimeout(String v) {
        return new QueryParams(query, time, start, end, step, v, lookbackDelta);
    }

    public QueryParams withLookbackDelta(String v) {
        return new QueryParams(query, time, start, end, step, timeout, v);
    }
}
