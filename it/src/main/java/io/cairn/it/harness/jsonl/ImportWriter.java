package io.cairn.it.harness.jsonl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes series as JSON lines for /api/v1/import, the inverse of {@link ExportParser}.
 * Finite values are written as the shortest decimal that reads back to the same double;
 * non-finite values as the bare tokens NaN, +Inf, -Inf that VictoriaMetrics accepts.
 */
public final class ImportWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private ImportWriter() {}

    /** Writes one line per series to {@code out} (not closed). */
    public static void write(List<ExportedSeries> series, OutputStream out) throws IOException {
        for (ExportedSeries s : series) {
            writeLine(s, out);
        }
    }

    /** Writes {@code series} as one line terminated by a newline. */
    public static void writeLine(ExportedSeries series, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeObjectFieldStart("metric");
            for (Map.Entry<String, String> e : series.labels().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("values");
            for (double v : series.values()) {
                if (Double.isNaN(v)) {
                    g.writeRawValue("NaN");
                } else if (Double.isInfinite(v)) {
                    g.writeRawValue(v > 0 ? "+Inf" : "-Inf");
                } else {
                    g.writeNumber(v);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("timestamps");
            for (long t : series.timestamps()) {
                g.writeNumber(t);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }
}
