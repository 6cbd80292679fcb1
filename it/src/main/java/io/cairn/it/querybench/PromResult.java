package io.cairn.it.querybench;

import java.util.List;
import java.util.SortedMap;

/**
 * The {@code data} of a successful Prometheus query API answer ({@code /api/v1/query} or
 * {@code /api/v1/query_range}), decoded into plain values so that two servers' answers can be
 * compared: every result type becomes a list of series, each a label set with its points.
 *
 * <ul>
 *   <li>{@code vector}: one point per series (the sample's own timestamp, which is the
 *       evaluation time);</li>
 *   <li>{@code matrix}: the series' points in the order the server sent them;</li>
 *   <li>{@code scalar}: one series with no labels and one point;</li>
 *   <li>{@code string}: no series; the text is in {@link #text()}.</li>
 * </ul>
 * Immutable once built: the arrays of a {@link Series} belong to it and are not modified.
 */
public record PromResult(ResultType type, List<Series> series, String text) {
    /** The {@code resultType} values of the Prometheus API. */
    public enum ResultType {
        VECTOR, MATRIX, SCALAR, STRING;

        /** The type named by a {@code resultType} field, e.g. "matrix". */
        public static ResultType parse(String name) {
            return switch (name) {
                case "vector" -> VECTOR;
                case "matrix" -> MATRIX;
                case "scalar" -> SCALAR;
                case "string" -> STRING;
                default -> throw new IllegalArgumentException("unknown resultType \"" + name + "\"");
            };
        }

        /** The name the API uses. */
        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PromResult {
        series = List.copyOf(series);
    }

    /**
     * One series of a result: its labels (sorted by name, {@code __name__} included when the
     * server kept it) and its points, timestamps in milliseconds since the epoch.
     */
    public record Series(SortedMap<String, String> labels, long[] timestampsMs, double[] values) {
        public Series {
            if (timestampsMs.length != values.length) {
                throw new IllegalArgumentException("BUG: " + timestampsMs.length + " timestamps but "
                        + values.length + " values");
            }
        }

        public int size() {
            return values.length;
        }

        /** The label set in PromQL notation, e.g. {@code {__name__="up", job="x"}}. */
        public String labelText() {
            return LabelText.of(labels);
        }
    }

    /** Number of points over all series. */
    public long pointCount() {
        long n = 0;
        for (Series s : series) {
            n += s.size();
        }
        return n;
    }
}
