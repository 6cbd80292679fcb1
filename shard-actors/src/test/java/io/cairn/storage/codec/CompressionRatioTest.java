package io.cairn.storage.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.SampleBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guards the format's density on node_exporter-like data (one merged day per series, 15 s
 * interval): block bytes per sample, overall and per kind of series. Prints the figures; fails
 * if the overall density regresses past the design target of well under 1 byte/sample.
 */
class CompressionRatioTest {

    @Test
    void nodeExporterLikeDayIsWellUnderOneBytePerSample() {
        double regular = measure(NodeExporterLikeDataset.oneDay(300), "regular 15s");
        assertTrue(regular < 0.70, "bytes/sample " + regular);
        double jittered = measure(new NodeExporterLikeDataset(42, 300, 5760, 1_700_006_400_000L, 15_000, 3),
                "15s, 10% of scrapes jittered +-3ms");
        assertTrue(jittered < 0.90, "bytes/sample " + jittered);
    }

    private static double measure(NodeExporterLikeDataset data, String label) {
        Map<NodeExporterLikeDataset.Kind, long[]> perKind = new EnumMap<>(NodeExporterLikeDataset.Kind.class);
        int[] encodings = new int[3];
        long totalBytes = 0;
        long totalSamples = 0;
        SampleBuffer series = new SampleBuffer();
        SampleBuffer decoded = new SampleBuffer();
        BlockDecoder decoder = new BlockDecoder();
        try (BlockEncoder encoder = new BlockEncoder()) {
            for (int s = 0; s < data.seriesCount(); s++) {
                data.series(s, series);
                long[] kind = perKind.computeIfAbsent(data.kind(s), k -> new long[2]);
                for (int off = 0; off < series.count(); off += BlockDescriptor.MAX_SAMPLES) {
                    int n = Math.min(BlockDescriptor.MAX_SAMPLES, series.count() - off);
                    int len = encoder.encode(series.timestamps(), series.values(), off, n);
                    encodings[BlockDescriptor.valueEncoding(encoder.header())]++;
                    kind[0] += len;
                    kind[1] += n;
                    totalBytes += len;
                    totalSamples += n;
                    decoded.clear();
                    decoder.decode(encoder.buffer(), 0, len, decoded);
                    assertEquals(n, decoded.count());
                }
            }
        }
        double overall = (double) totalBytes / totalSamples;
        StringBuilder report = new StringBuilder();
        report.append(String.format("%s: %d samples, %d bytes, %.4f bytes/sample (blocks CONST/DECIMAL/XOR: %d/%d/%d)%n",
                label, totalSamples, totalBytes, overall, encodings[0], encodings[1], encodings[2]));
        perKind.forEach((k, v) -> report.append(String.format("  %-16s %.4f bytes/sample%n", k, (double) v[0] / v[1])));
        System.out.print(report);
        return overall;
    }
}
