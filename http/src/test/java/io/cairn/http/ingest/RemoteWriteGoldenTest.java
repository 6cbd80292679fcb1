package io.cairn.http.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.DynamicMessage;
import io.cairn.http.format.JsonLinesWriter;
import io.cairn.http.ingest.CollectingSink.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Golden files: {@code remote_write/request.snappy} is a snappy-compressed WriteRequest as
 * protobuf-java encodes it (series, an exemplar, metadata, special values); the decoded samples,
 * exported as JSON lines, must equal {@code remote_write/request.expected.jsonl}.
 * Regenerate both with {@code -Dcairn.golden.write=true} only when the format intentionally
 * changes, and review the diff.
 */
class RemoteWriteGoldenTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Path DIR = Path.of("src/test/resources/remote_write");

    @Test
    void decodesTheGoldenRequest() throws IOException {
        if (Boolean.getBoolean("cairn.golden.write")) {
            Files.createDirectories(DIR);
            Files.write(DIR.resolve("request.snappy"), Snappy.compress(goldenRequest()));
        }
        byte[] body = resource("remote_write/request.snappy");
        assertArrayEquals(goldenRequest(), Snappy.uncompress(body),
                "the golden body is what protobuf-java encodes for the request below");
        CollectingSink sink = new CollectingSink();
        Map<String, MetricMetadata> meta = new HashMap<>();
        IngestReport report = new IngestReport();
        new RemoteWriteDecoder(IngestLimits.DEFAULT, new SeriesRecordCache(1 << 20), 1 << 20)
                .decodeSnappy(body, 0, body.length, ExtraLabels.NONE, NOW, sink, meta::put,
                        report);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLinesWriter writer = new JsonLinesWriter();
        for (Row r : sink.rows) {
            writer.write(r.labels(), new long[] {r.ts()}, new double[] {r.value()}, 1, out);
        }
        String got = out.toString(StandardCharsets.UTF_8) + "report: " + report.accepted()
                + " accepted, " + report.exemplarsSkipped() + " exemplars, "
                + report.metadataAccepted() + " metadata " + meta + "\n";
        if (Boolean.getBoolean("cairn.golden.write")) {
            Files.writeString(DIR.resolve("request.expected.jsonl"), got);
        }
        assertEquals(new String(resource("remote_write/request.expected.jsonl"),
                StandardCharsets.UTF_8), got);
    }

    private static byte[] goldenRequest() {
        DynamicMessage.Builder req = RemoteWriteSchema.request();
        DynamicMessage.Builder up = RemoteWriteSchema.series("__name__", "up", "instance",
                "10.0.0.1:9100", "job", "node");
        RemoteWriteSchema.addSample(up, NOW - 30_000, 1);
        RemoteWriteSchema.addSample(up, NOW - 15_000, 0);
        RemoteWriteSchema.addSeries(req, up);
        DynamicMessage.Builder cpu = RemoteWriteSchema.series("__name__",
                "node_cpu_seconds_total", "cpu", "0", "mode", "idle", "path", "C:\\\"x\"\n");
        RemoteWriteSchema.addSample(cpu, NOW - 15_000, 12345.678);
        RemoteWriteSchema.addSample(cpu, NOW, Double.POSITIVE_INFINITY);
        RemoteWriteSchema.addSample(cpu, NOW + 1, 1e-300);
        cpu.addRepeatedField(RemoteWriteSchema.TIME_SERIES.findFieldByName("exemplars"),
                DynamicMessage.newBuilder(RemoteWriteSchema.EXEMPLAR)
                        .addRepeatedField(RemoteWriteSchema.EXEMPLAR.findFieldByName("labels"),
                                RemoteWriteSchema.label("trace_id", "abc"))
                        .setField(RemoteWriteSchema.EXEMPLAR.findFieldByName("value"), 1.0)
                        .build());
        RemoteWriteSchema.addSeries(req, cpu);
        req.addRepeatedField(RemoteWriteSchema.WRITE_REQUEST.findFieldByName("metadata"),
                RemoteWriteSchema.metadata(1, "node_cpu_seconds_total",
                        "Seconds the CPUs spent in each mode.", "seconds"));
        return req.build().toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RemoteWriteGoldenTest.class.getClassLoader()
                .getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
