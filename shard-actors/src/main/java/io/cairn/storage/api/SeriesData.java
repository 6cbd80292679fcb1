package io.cairn.storage.api;

import io.cairn.storage.model.Labels;

/**
 * One series and its samples, timestamps ascending. The arrays may be longer than
 * {@code count}; only the first {@code count} entries are valid. Owned by the receiver.
 */
public record SeriesData(Labels labels, long[] timestamps, double[] values, int count) {}
