package io.cairn.http.api;

/**
 * The raw parameters of {@code /api/v1/query} and {@code /api/v1/query_range} as the client sent
 * them (null when absent). Parameters Prometheus and VictoriaMetrics clients add that Cairn has
 * no use for ({@code nocache}, {@code stats}, ...) are simply not carried.
 *
 * @param lookbackDelta Prometheus' {@code lookback_delta}: overrides the 5m lookback when set
 * @param denyPartialResponse VictoriaMetrics' {@code deny_partial_response}: {@code 1} or
 *     {@code true} refuses an answer that misses shards (503) instead of flagging it
 */
public record QueryParams(String query, String time, String start, String end, String step,
        String timeout, String lookbackDelta, String denyPartialResponse) {

    public QueryParams(String query, String time, String start, String end, String step,
            String timeout, String lookbackDelta) {
        this(query, time, start, end, step, timeout, lookbackDelta, null);
    }

    /** The parameters of an instant query. */
    public static QueryParams instant(String query, String time) {
        return new QueryParams(query, time, null, null, null, null, null, null);
    }

    /** The parameters of a range query. */
    public static QueryParams range(String query, String start, String end, String step) {
        return new QueryParams(query, null, start, end, step, null, null, null);
    }

    public QueryParams withTimeout(String v) {
        return new QueryParams(query, time, start, end, step, v, lookbackDelta,
                denyPartialResponse);
    }

    public QueryParams withLookbackDelta(String v) {
        return new QueryParams(query, time, start, end, step, timeout, v, denyPartialResponse);
    }

    public QueryParams withDenyPartialResponse(String v) {
        return new QueryParams(query, time, start, end, step, timeout, lookbackDelta, v);
    }
}
