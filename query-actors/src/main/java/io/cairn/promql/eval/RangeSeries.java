package io.cairn.promql.eval;

import io.cairn.storage.model.Labels;

/**
 * The raw points of one series behind a range argument: timestamps ascending (epoch ms),
 * staleness markers removed, first {@code count} entries valid. Read-only once built.
 *
 * @param dropName the series' name is due for removal (delayed name removal through a
 *     subquery)
 */
public record RangeSeries(Labels labels, long[] timestamps, double[] values, int count, boolean dropName) {}
