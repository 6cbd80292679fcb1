package io.cairn.storage.index;

/**
 * Tuning of a {@link SeriesIndex}; immutable, {@link #DEFAULTS} for production.
 *
 * @param segmentBytes a log segment rolls to a new file once it reaches this size
 * @param maxDaysForDayIndex queries spanning more UTC days than this skip the per-day index
 *     and consider every live series
 * @param compactionRatio the log is rewritten when it holds more than this many times the
 *     records needed to describe the live index, plus {@code compactionMinRecords}
 * @param compactionMinRecords slack before compaction kicks in, so small logs never compact
 * @param expectedSeries initial capacity hint
 * @param hasher the series id function (tests inject collisions through it)
 */
public record SeriesIndexOptions(long segmentBytes, int maxDaysForDayIndex,
        double compactionRatio, long compactionMinRecords, int expectedSeries,
        SeriesHasher hasher) {

    public static final SeriesIndexOptions DEFAULTS =
            new SeriesIndexOptions(64L << 20, 40, 2.0, 100_000, 1024, SeriesHasher.DEFAULT);

    public SeriesIndexOptions {
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segmentBytes must be at least 4096, got "
                    + segmentBytes);
        }
        if (maxDaysForDayIndex < 1) {
            throw new IllegalArgumentException("maxDaysForDayIndex must be positive, got "
                    + maxDaysForDayIndex);
        }
        if (compactionRatio < 1.0 || compactionMinRecords < 0) {
            throw new IllegalArgumentException("compactionRatio must be >= 1 and "
                    + "compactionMinRecords >= 0, got " + compactionRatio + ", "
                    + compactionMinRecords);
        }
        if (hasher == null) {
            throw new IllegalArgumentException("hasher is required");
        }
    }

    public SeriesIndexOptions withSegmentBytes(long bytes) {
        return new SeriesIndexOptions(bytes, maxDaysForDayIndex, compactionRatio,
                compactionMinRecords, expectedSeries, hasher);
    }

    public SeriesIndexOptions withCompaction(double ratio, long minRecords) {
        return new SeriesIndexOptions(segmentBytes, maxDaysForDayIndex, ratio, minRecords,
                expectedSeries, hasher);
    }

    public SeriesIndexOptions withExpectedSeries(int n) {
        return new SeriesIndexOptions(segmentBytes, maxDaysForDayIndex, compactionRatio,
                compactionMinRecords, n, hasher);
    }

    public SeriesIndexOptions withHasher(SeriesHasher h) {
        return new SeriesIndexOptions(segmentBytes, maxDaysForDayIndex, compactionRatio,
                compactionMinRecords, expectedSeries, h);
    }
}
