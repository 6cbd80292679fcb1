package io.cairn.it.harness.jsonl;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One series as a line of the JSON-lines export/import format:
 * {@code {"metric":{"__name__":"up","job":"node"},"values":[1,1],"timestamps":[1000,2000]}}.
 *
 * <p>Labels are sorted by name (the metric name is the label {@code __name__}); timestamps are
 * milliseconds. The arrays are owned by this record and must not be modified. Value equality
 * compares values bit for bit, so NaN equals NaN only with the same payload.
 */
public record ExportedSeries(SortedMap<String, String> labels, long[] timestamps, double[] values) {
    public ExportedSeries {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("series " + labels + " has " + timestamps.length + " timestamps but "
                    + values.length + " values");
        }
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** A series from alternating label names and values. */
    public static ExportedSeries of(long[] timestamps, double[] values, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels must be name/value pairs");
        }
        TreeMap<String, String> labels = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            labels.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new ExportedSeries(labels, timestamps, values);
    }

    /** The metric name, or "" if the series has none. */
    public String metricName() {
        return labels.getOrDefault("__name__", "");
    }

    public int size() {
        return timestamps.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExportedSeries other)) {
            return false;
        }
        if (!labels.equals(other.labels) || !Arrays.equals(timestamps, other.timestamps)
                || values.length != other.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + Arrays.hashCode(timestamps);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            sb.append(sb.length() == 0 ? "{" : ",").append(e.getKey()).append("=\"").append(e.getValue()).append('"');
        }
        return sb.append(sb.length() == 0 ? "{}" : "}").append(' ').append(values.length).append(" samples").toString();
    }
}
