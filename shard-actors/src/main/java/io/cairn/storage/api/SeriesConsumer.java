package io.cairn.storage.api;

import io.cairn.storage.model.Labels;

/** Takes the samples of one series at a time, as a store decodes them. */
@FunctionalInterface
public interface SeriesConsumer {
    /**
     * @param timestamps ascending, one sample per timestamp, staleness markers included; only
     *     the first {@code count} entries are valid, and the arrays are the reader's scratch:
     *     valid during the call only
     */
    void accept(Labels labels, long[] timestamps, double[] values, int count);
}
