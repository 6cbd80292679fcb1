package io.cairn.storage.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class RowBlockSplitterTest {
    private static final Tenant TENANT = new Tenant(5, 6);

    @Test
    void splitsRowsByTargetKeepingOrderWithinEachTarget() {
        Random random = new Random(1);
        List<Labels> pool = RowBlockRoundTripTest.randomSeries(random, 30);
        RowBlockWriter source = new RowBlockWriter().reset(TENANT);
        int targets = 4;
        List<List<String>> expected = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            expected.add(new ArrayList<>());
        }
        for (int i = 0; i < 1000; i++) {
            Labels labels = pool.get(random.nextInt(pool.size()));
            long ts = 1_000_000 + random.nextInt(100_000);
            double v = random.nextDouble();
            source.addRow(labels, ts, v);
            expected.get(target(labels)).add(labels + "@" + ts + "=" + v);
        }
        byte[] bytes = source.toBytes();
        RowBlockReader reader = new RowBlockReader().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        Labels[] seriesLabels = new Labels[reader.seriesCount()];
        for (int s = 0; s < seriesLabels.length; s++) {
            seriesLabels[s] = reader.labels(s);
        }
        RowBlockWriter[] writers = new RowBlockWriter[targets];
        for (int t = 0; t < targets; t++) {
            writers[t] = new RowBlockWriter().reset(TENANT);
        }
        new RowBlockSplitter().split(reader, s -> target(seriesLabels[s]), writers);

        int total = 0;
        for (int t = 0; t < targets; t++) {
            byte[] part = writers[t].toBytes();
            RowBlockReader r = new RowBlockReader().wrap(new UnsafeBuffer(part), 0, part.length);
            assertEquals(TENANT, r.tenant());
            List<String> actual = new ArrayList<>();
            RowBlockReader.RowCursor rows = r.rows();
            while (rows.next()) {
                Labels labels = r.labels(rows.seriesIndex());
                assertEquals(t, target(labels));
                actual.add(labels + "@" + rows.timestamp() + "=" + rows.value());
            }
            assertEquals(expected.get(t), actual, "target " + t);
            total += actual.size();
        }
        assertEquals(1000, total);
    }

    @Test
    void rejectsMissingWritersAndForeignTenants() {
        RowBlockWriter source = new RowBlockWriter().reset(TENANT);
        source.addRow(Labels.of("__name__", "a"), 1, 1);
        byte[] bytes = source.toBytes();
        RowBlockReader reader = new RowBlockReader().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        RowBlockSplitter splitter = new RowBlockSplitter();
        IllegalArgumentException noWriter = assertThrows(IllegalArgumentException.class,
                () -> splitter.split(reader, s -> 3, new RowBlockWriter[2]));
        assertTrue(noWriter.getMessage().contains("target 3"), noWriter.getMessage());
        RowBlockWriter[] foreign = {new RowBlockWriter().reset(new Tenant(1, 1))};
        IllegalArgumentException tenant = assertThrows(IllegalArgumentException.class,
                () -> splitter.split(reader, s -> 0, foreign));
        assertTrue(tenant.getMessage().contains("tenant 1:1"), tenant.getMessage());
    }

    private static int target(Labels labels) {
        return Math.floorMod(labels.hashCode(), 4);
    }
}
