package io.cairn.storage.rows;

import io.cairn.storage.model.Labels;
import java.util.function.IntUnaryOperator;

/**
 * Splits a row block into several writers by a function of the series index, e.g. series to
 * shard in the router. Rows keep their relative order within each target.
 *
 * <p>Reusable and not thread-safe; its scratch arrays grow to the largest block seen.
 */
public final class RowBlockSplitter {
    private int[] targetOfSeries = new int[64];
    private int[] indexInTarget = new int[64];

    /**
     * Appends every row of {@code block} to {@code writers[targetOf(seriesIndex)]}, adding the
     * series there first. Writers are appended to, not reset, so a caller can gather several
     * blocks per target before sending.
     *
     * @param targetOf maps a series index of {@code block} to an index into {@code writers}
     * @throws IllegalArgumentException when a target is out of range, has no writer, or its
     *     writer belongs to another tenant
     */
    public void split(RowBlockReader block, IntUnaryOperator targetOf, RowBlockWriter[] writers) {
        int seriesCount = block.seriesCount();
        if (targetOfSeries.length < seriesCount) {
            int n = Math.max(seriesCount, targetOfSeries.length * 2);
            targetOfSeries = new int[n];
            indexInTarget = new int[n];
        }
        int accountId = block.accountId();
        int projectId = block.projectId();
        for (int i = 0; i < seriesCount; i++) {
            int target = targetOf.applyAsInt(i);
            if (target < 0 || target >= writers.length || writers[target] == null) {
                throw new IllegalArgumentException(
                        "series " + i + " mapped to target " + target + ", which has no writer ("
                                + writers.length + " targets)");
            }
            RowBlockWriter writer = writers[target];
            if (writer.tenant().accountId() != accountId
                    || writer.tenant().projectId() != projectId) {
                throw new IllegalArgumentException("writer for target " + target
                        + " is for tenant " + writer.tenant() + ", block is for "
                        + block.tenant());
            }
            targetOfSeries[i] = target;
            Labels labels = block.labels(i);
            indexInTarget[i] = block.hasSeriesIds() ? writer.addSeries(labels, block.seriesId(i))
                    : writer.addSeries(labels);
        }
        RowBlockReader.RowCursor rows = block.rows();
        while (rows.next()) {
            int s = rows.seriesIndex();
            writers[targetOfSeries[s]].addRow(indexInTarget[s], rows.timestamp(), rows.value());
        }
    }
}
