package io.cairn.storage.merge;

import io.cairn.storage.part.PartInfo;
import java.util.List;

/**
 * Decides which parts of one partition to merge next: a tiered policy over windows of parts
 * that are adjacent in age order.
 *
 * <p>Rules: a window has between {@code minParts} and {@code maxParts} parts and at most
 * {@code maxOutputBytes} in total; its parts must be of similar size, measured as
 * {@code total / largest >= minSizeMultiplier} (merging one big part with a few tiny ones would
 * rewrite the big one for little gain: write amplification). Of the qualifying windows the one
 * with the best multiplier wins (then more parts, then fewer bytes). With fewer than
 * {@code minParts} similar parts nothing is merged, so a quiet partition is not rewritten over
 * and over; parts of more than half of {@code maxOutputBytes} are never picked again.
 *
 * <p>Windows are contiguous in the given order so that the merged part can take their place in
 * age order, which keeps newest-wins meaningful ({@link PartMerger}).
 *
 * <p>Immutable and thread-safe.
 */
public final class MergePolicy {
    private final int minParts;
    private final int maxParts;
    private final long maxOutputBytes;
    private final double minSizeMultiplier;

    /**
     * @param minParts          fewest parts worth a merge (>= 2)
     * @param maxParts          most parts in one merge (>= minParts)
     * @param maxOutputBytes    largest total input size of one merge
     * @param minSizeMultiplier smallest acceptable total / largest ratio (>= 1)
     */
    public MergePolicy(int minParts, int maxParts, long maxOutputBytes, double minSizeMultiplier) {
        if (minParts < 2 || maxParts < minParts || maxOutputBytes <= 0 || !(minSizeMultiplier >= 1.0)) {
            throw new IllegalArgumentException("bad merge policy: minParts=" + minParts + " maxParts=" + maxParts
                    + " maxOutputBytes=" + maxOutputBytes + " minSizeMultiplier=" + minSizeMultiplier);
        }
        this.minParts = minParts;
        this.maxParts = maxParts;
        this.maxOutputBytes = maxOutputBytes;
        this.minSizeMultiplier = minSizeMultiplier;
    }

    /** 4 to 16 parts, at most 16 GiB in, total at least twice the largest part. */
    public static MergePolicy defaults() {
        return new MergePolicy(4, 16, 16L << 30, 2.0);
    }

    /**
     * @param partsOfOnePartition the partition's parts, oldest first
     * @return the parts to merge now, a contiguous sub-list in the same order; empty if none
     */
    public List<PartInfo> pick(List<PartInfo> partsOfOnePartition) {
        List<PartInfo> parts = partsOfOnePartition;
        int bestStart = -1;
        int bestLength = 0;
        double bestScore = 0;
        long bestBytes = 0;
        for (int start = 0; start < parts.size(); start++) {
            long total = 0;
            long largest = 0;
            for (int end = start; end < parts.size() && end - start < maxParts; end++) {
                long size = parts.get(end).sizeBytes();
                if (size > maxOutputBytes / 2) {
                    break; // finished part: never rewritten again, and windows do not span it
                }
                total += size;
                if (total > maxOutputBytes) {
                    break;
                }
                largest = Math.max(largest, size);
                int length = end - start + 1;
                if (length < minParts) {
                    continue;
                }
                double score = (double) total / Math.max(1, largest);
                if (score < minSizeMultiplier) {
                    continue;
                }
                if (score > bestScore || (score == bestScore && (length > bestLength
                        || (length == bestLength && total < bestBytes)))) {
                    bestStart = start;
                    bestLength = length;
                    bestScore = score;
                    bestBytes = total;
                }
            }
        }
        return bestStart < 0 ? List.of() : List.copyOf(parts.subList(bestStart, bestStart + bestLength));
    }

    @Override
    public String toString() {
        return "MergePolicy[parts " + minParts + ".." + maxParts + ", maxOutputBytes=" + maxOutputBytes
                + ", minSizeMultiplier=" + minSizeMultiplier + "]";
    }
}
