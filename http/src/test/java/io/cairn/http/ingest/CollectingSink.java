package io.cairn.http.ingest;

import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.List;

/** Records every sample passed to it, for assertions. */
final class CollectingSink implements SampleSink {
    record Row(Labels labels, long ts, long valueBits) {
        static Row of(Labels labels, long ts, double value) {
            return new Row(labels, ts, Double.doubleToRawLongBits(value));
        }

        double value() {
            return Double.longBitsToDouble(valueBits);
        }

        @Override
        public String toString() {
            return labels + " " + value() + " @" + ts;
        }
    }

    final List<Row> rows = new ArrayList<>();

    @Override
    public void add(Labels labels, long timestampMs, double value) {
        rows.add(Row.of(labels, timestampMs, value));
    }
}
