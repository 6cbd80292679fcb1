package io.cairn.storage.part;

/**
 * Summary of one finished part file, as recorded in the part manifest.
 *
 * @param fileName   the part's file name (no directory)
 * @param minTimeMs  smallest sample timestamp; {@link PartDescriptor#EMPTY_MIN_TIME} if empty
 * @param maxTimeMs  largest sample timestamp; {@link PartDescriptor#EMPTY_MAX_TIME} if empty
 * @param rowCount   number of samples
 * @param seriesCount number of distinct series ids
 * @param blockCount number of blocks
 * @param sizeBytes  file size in bytes
 */
public record PartInfo(String fileName, long minTimeMs, long maxTimeMs, long rowCount, int seriesCount,
                       int blockCount, long sizeBytes) {
    public boolean isEmpty() {
        return rowCount == 0;
    }
}
