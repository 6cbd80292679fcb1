package io.cairn.http.format;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes series in VictoriaMetrics' JSON lines export format ({@code /api/v1/export}), one
 * series per line:
 * {@code {"metric":{"__name__":"up","job":"x"},"values":[1,2.5],"timestamps":[1700000000000,1700000015000]}}.
 *
 * <p>Values are written with the shortest digits that parse back to the same double (lossless),
 * non-finite values as the strings {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}, which
 * {@code /api/v1/import} reads back. Prometheus staleness markers are omitted together with
 * their timestamps: they mark the end of a scraped series rather than a value, and JSON has no
 * way to carry their NaN bit pattern (re-imported they would become ordinary NaN samples). A
 * series whose samples are all omitted writes nothing.
 *
 * <p>Not thread-safe: one writer per response; it reuses an internal buffer, so a line costs no
 * allocation once the buffer has grown to the longest line.
 */
public final class JsonLinesWriter {
    private static final byte[] METRIC = ascii("{\"metric\":");
    private static final byte[] VALUES = ascii(",\"values\":[");
    private static final byte[] TIMESTAMPS = ascii("],\"timestamps\":[");
    private static final byte[] LINE_END = ascii("]}\n");

    private final JsonBytes line = new JsonBytes(256);

    /**
     * Writes one line for {@code labels} with samples {@code [0, count)} of {@code ts}
     * (milliseconds) and {@code values}.
     */
    public void write(Labels labels, long[] ts, double[] values, int count, OutputStream out)
            throws IOException {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (!StaleMarker.is(values[i])) {
                kept++;
            }
        }
        if (kept == 0) {
            return;
        }
        line.clear();
        line.append(METRIC);
        PromJson.appendLabels(line, labels);
        line.append(VALUES);
        boolean first = true;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (StaleMarker.is(v)) {
                continue;
            }
            if (!first) {
                line.append(',');
            }
            first = false;
            if (Double.isFinite(v)) {
                PromFloat.appendJsonNumber(line, v);
            } else {
                line.append('"');
                PromFloat.append(line, v);
                line.append('"');
            }
        }
        line.append(TIMESTAMPS);
        first = true;
        for (int i = 0; i < count; i++) {
            if (StaleMarker.is(values[i])) {
                continue;
            }
            if (!first) {
                line.append(',');
            }
            first = false;
            line.appendLong(ts[i]);
        }
        line.append(LINE_END);
        line.writeTo(out);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
