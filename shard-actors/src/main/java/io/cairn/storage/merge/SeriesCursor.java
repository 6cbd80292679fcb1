package io.cairn.storage.merge;

import io.cairn.storage.codec.BlockDescriptor;
import io.cairn.storage.model.SampleBuffer;
import io.cairn.storage.part.PartReader;

/**
 * Walks one merge input series by series and, within the current series, sample by sample,
 * decoding one block at a time (so a merge holds at most one decoded block per input).
 * Not thread-safe; owned by one merge.
 */
final class SeriesCursor {
    final PartReader reader;
    /** Position of the input in the merge's list: higher is newer and wins ties. */
    final int age;
    private final SampleBuffer block = new SampleBuffer(BlockDescriptor.MAX_SAMPLES);
    private int seriesIndex;
    private int nextBlock;
    private int endBlock;
    private int pos;
    private long minTime;

    SeriesCursor(PartReader reader, int age) {
        this.reader = reader;
        this.age = age;
    }

    boolean hasSeries() {
        return seriesIndex < reader.seriesCount();
    }

    long seriesId() {
        return reader.seriesIdAt(seriesIndex);
    }

    void nextSeries() {
        seriesIndex++;
    }

    /** Positions on the first sample at or after {@code minTimeMs} of the current series. */
    void startSeries(long minTimeMs) {
        minTime = minTimeMs;
        nextBlock = reader.seriesFirstBlock(seriesIndex);
        endBlock = reader.seriesEndBlock(seriesIndex);
        while (nextBlock < endBlock && reader.blockMaxTime(nextBlock) < minTimeMs) {
            nextBlock++; // wholly expired: not even decoded
        }
        block.clear();
        pos = 0;
        loadNextBlock();
    }

    /** True while the current series has samples left. */
    boolean hasSample() {
        return pos < block.count();
    }

    long timestamp() {
        return block.timestamps()[pos];
    }

    double value() {
        return block.values()[pos];
    }

    /** The decoded block and the position in it, for bulk copying of a lone input. */
    SampleBuffer block() {
        return block;
    }

    int position() {
        return pos;
    }

    void skipBlockRest() {
        pos = block.count();
        loadNextBlock();
    }

    void advance() {
        if (++pos == block.count()) {
            loadNextBlock();
        }
    }

    private void loadNextBlock() {
        while (pos >= block.count() && nextBlock < endBlock) {
            block.clear();
            pos = 0;
            reader.readBlock(nextBlock++, block);
            long[] ts = block.timestamps();
            while (pos < block.count() && ts[pos] < minTime) {
                pos++;
            }
        }
    }
}
