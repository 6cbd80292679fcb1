package io.cairn.storage.merge;

import io.cairn.storage.codec.BlockDescriptor;
import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.part.PartInfo;
import io.cairn.storage.part.PartReader;
import io.cairn.storage.part.PartWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Merges parts of one partition into one new part: a k-way merge by series id, then by
 * timestamp, streaming block by block (memory: one decoded block per input plus one output
 * block, whatever the part sizes). For a timestamp present in several inputs the sample of
 * the newest input (latest in the list) wins. On the way, {@link MergeOptions} drop whole
 * series, samples older than the retention bound, and duplicates within the dedup interval.
 *
 * <p>The inputs stay untouched and must stay retained by the caller for the duration; the
 * output is written with {@link PartWriter} (temp file, fsync, atomic rename). Replacing the
 * inputs by the output in the part manifest is the caller's job: put the output where the
 * inputs were in age order, so newest-wins keeps its meaning in later merges.
 *
 * <p>Runs entirely on the calling thread (a blocking-I/O dispatcher, not an actor thread).
 */
public final class PartMerger {
    private PartMerger() {}

    /**
     * @param inputs  the parts to merge, oldest first
     * @param output  path of the new part (must not exist)
     * @param options deduplication, retention and deletions
     * @return summary of the new part (possibly empty if everything was dropped)
     * @throws io.cairn.storage.part.CorruptPartException if an input is damaged; the output is
     *                                                    then not created
     */
    public static PartInfo merge(List<PartReader> inputs, Path output, MergeOptions options) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge into " + output);
        }
        SeriesCursor[] cursors = new SeriesCursor[inputs.size()];
        for (int i = 0; i < cursors.length; i++) {
            cursors[i] = new SeriesCursor(inputs.get(i), i);
        }
        try (PartWriter writer = PartWriter.create(output)) {
            new Run(cursors, writer, options).mergeAll();
            return writer.finish();
        }
    }

    /** State of one merge run. */
    private static final class Run {
        private final SeriesCursor[] cursors;
        private final SeriesCursor[] active;
        private final PartWriter writer;
        private final long dedupInterval;
        private final long minTime;
        private final LongPredicate dropSeries;
        private final SampleBuffer staged = new SampleBuffer(BlockDescriptor.MAX_SAMPLES);
        private long seriesId;
        private boolean hasPending;
        private long pendingTs;
        private double pendingValue;
        private long pendingBucket;

        Run(SeriesCursor[] cursors, PartWriter writer, MergeOptions options) {
            this.cursors = cursors;
            this.active = new SeriesCursor[cursors.length];
            this.writer = writer;
            this.dedupInterval = options.dedupIntervalMs();
            this.minTime = options.minTimeMs();
            this.dropSeries = options.dropSeries();
        }

        void mergeAll() throws IOException {
            while (true) {
                boolean found = false;
                long id = 0;
                for (SeriesCursor c : cursors) {
                    if (c.hasSeries() && (!found || c.seriesId() < id)) {
                        id = c.seriesId();
                        found = true;
                    }
                }
                if (!found) {
                    return;
                }
                int n = 0;
                for (SeriesCursor c : cursors) {
                    if (c.hasSeries() && c.seriesId() == id) {
                        active[n++] = c;
                    }
                }
                if (dropSeries == null || !dropSeries.test(id)) {
                    mergeSeries(id, n);
                }
                for (int i = 0; i < n; i++) {
                    active[i].nextSeries();
                    active[i] = null;
                }
            }
        }

        private void mergeSeries(long id, int n) throws IOException {
            seriesId = id;
            hasPending = false;
            staged.clear();
            for (int i = 0; i < n; i++) {
                active[i].startSeries(minTime);
            }
            if (n == 1) {
                copyLone(active[0]);
            } else {
                mergeMany(n);
            }
            if (hasPending) {
                stage(pendingTs, pendingValue);
            }
            flushStaged();
        }

        /** A series in only one input: no ordering work, just filtering. */
        private void copyLone(SeriesCursor c) throws IOException {
            while (c.hasSample()) {
                if (dedupInterval > 0) {
                    emit(c.timestamp(), c.value());
                    c.advance();
                } else {
                    SampleBuffer block = c.block();
                    int from = c.position();
                    int count = block.count() - from;
                    flushStaged();
                    writer.addSeries(seriesId, block.timestamps(), block.values(), from, count);
                    c.skipBlockRest();
                }
            }
        }

        private void mergeMany(int n) throws IOException {
            while (true) {
                SeriesCursor best = null;
                long bestTs = 0;
                for (int i = 0; i < n; i++) {
                    SeriesCursor c = active[i];
                    if (c.hasSample()) {
                        long t = c.timestamp();
                        if (best == null || t < bestTs || (t == bestTs && c.age > best.age)) {
                            best = c;
                            bestTs = t;
                        }
                    }
                }
                if (best == null) {
                    return;
                }
                emit(bestTs, best.value());
                for (int i = 0; i < n; i++) {
                    SeriesCursor c = active[i];
                    if (c.hasSample() && c.timestamp() == bestTs) {
                        c.advance(); // the winner, and any older duplicates it overwrote
                    }
                }
            }
        }

        /** Passes samples (ascending, unique timestamps) through deduplication to the output. */
        private void emit(long t, double v) throws IOException {
            if (dedupInterval <= 0) {
                stage(t, v);
                return;
            }
            long bucket = Deduplicator.bucket(t, dedupInterval);
            if (hasPending && bucket != pendingBucket) {
                stage(pendingTs, pendingValue);
            }
            // The latest sample of an interval wins: replace whatever is pending there.
            hasPending = true;
            pendingTs = t;
            pendingValue = v;
            pendingBucket = bucket;
        }

        private void stage(long t, double v) throws IOException {
            staged.append(t, v);
            if (staged.count() == BlockDescriptor.MAX_SAMPLES) {
                flushStaged();
            }
        }

        private void flushStaged() throws IOException {
            if (!staged.isEmpty()) {
                writer.addSeries(seriesId, staged.timestamps(), staged.values(), 0, staged.count());
                staged.clear();
            }
        }
    }
}
