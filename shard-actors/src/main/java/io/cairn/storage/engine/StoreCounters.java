package io.cairn.storage.engine;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one store, read by /metrics from any thread. */
public final class StoreCounters {
    public final LongAdder rowsAccepted = new LongAdder();
    public final LongAdder rowsOutsideRetention = new LongAdder();
}
