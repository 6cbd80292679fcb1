package io.cairn.storage.head;

/**
 * Rows sorted by (series id, timestamp) with one row per (series, timestamp); only the first
 * {@code count} entries of the arrays are valid.
 */
public record SortedRows(long[] seriesIds, long[] timestamps, double[] values, int count) {}
