package io.cairn.storage.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.codec.NodeExporterLikeDataset;
import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.part.PartInfo;
import io.cairn.storage.part.PartReader;
import io.cairn.storage.part.PartWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-file density on the node_exporter-like day (index and footer included): the day is
 * flushed as 24 hourly small parts, which are then merged into one. Prints bytes/sample of
 * both; the merged part must be well under one byte per sample.
 */
class MergedDensityTest {
    @TempDir
    Path dir;

    @Test
    void mergedDayIsWellUnderOneBytePerSample() throws IOException {
        NodeExporterLikeDataset data = NodeExporterLikeDataset.oneDay(300);
        int hours = 24;
        int perHour = data.samplesPerSeries() / hours;
        List<SampleBuffer> series = new ArrayList<>();
        for (int s = 0; s < data.seriesCount(); s++) {
            SampleBuffer b = new SampleBuffer();
            data.series(s, b);
            series.add(b);
        }
        List<PartReader> small = new ArrayList<>();
        long smallBytes = 0;
        try {
            for (int h = 0; h < hours; h++) {
                try (PartWriter w = PartWriter.create(dir.resolve("hour-" + h + ".part"))) {
                    for (int s = 0; s < series.size(); s++) {
                        SampleBuffer b = series.get(s);
                        w.addSeries(s, b.timestamps(), b.values(), h * perHour, perHour);
                    }
                    smallBytes += w.finish().sizeBytes();
                }
                small.add(PartReader.open(dir.resolve("hour-" + h + ".part")));
            }
            PartInfo merged = PartMerger.merge(small, dir.resolve("day.part"), MergeOptions.keepAll());
            long samples = (long) data.seriesCount() * data.samplesPerSeries();
            assertEquals(samples, merged.rowCount());
            double hourly = (double) smallBytes / samples;
            double day = (double) merged.sizeBytes() / samples;
            System.out.printf("node_exporter-like day, 300 series x 5760 samples: 24 hourly parts %.4f bytes/sample,"
                    + " merged day part %.4f bytes/sample (%d bytes)%n", hourly, day, merged.sizeBytes());
            // 0.63 with one 8192-sample block per series and day, 0.74 since parts cut blocks
            // at 1024 samples (PartWriter.BLOCK_SAMPLES) to keep short queries cheap.
            assertTrue(day < 0.8, "merged bytes/sample " + day);
            assertTrue(day < hourly, "merging should not make the data bigger");
        } finally {
            small.forEach(PartReader::close);
        }
    }
}
