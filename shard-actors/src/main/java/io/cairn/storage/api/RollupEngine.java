package io.cairn.storage.api;

/**
 * Gives a {@link RollupSpec} its meaning: the PromQL engine implements it and each node hands it
 * to its shard replicas, so that storage computes rollups without depending on the engine.
 * Thread-safe.
 */
public interface RollupEngine {

    /**
     * A fresh accumulator for one shard's read: fed every selected series, then asked for the
     * result. Used by one thread.
     *
     * @throws IllegalArgumentException when the spec names an unknown function or operator
     */
    Rollup start(RollupSpec spec);

    /** One read's rollup in progress. */
    interface Rollup extends SeriesConsumer {
        StepRows finish();
    }

    /** For stores without a query engine (tests of storage alone): refuses every rollup. */
    RollupEngine NONE = spec -> {
        throw new IllegalArgumentException("this node evaluates no rollups");
    };
}
