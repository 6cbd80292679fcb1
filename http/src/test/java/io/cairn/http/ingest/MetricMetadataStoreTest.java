package io.cairn.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.model.Tenant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricMetadataStoreTest {
    private static final MetricMetadata GAUGE = new MetricMetadata(MetricType.GAUGE, "h", "");
    private static final MetricMetadata COUNTER = new MetricMetadata(MetricType.COUNTER, "c", "s");

    @Test
    void latestWinsPerTenantAndQueriesAreSorted() {
        MetricMetadataStore store = new MetricMetadataStore(10, 10);
        Tenant a = new Tenant(1, 0);
        store.sinkFor(a).add("b_metric", GAUGE);
        store.sinkFor(a).add("a_metric", GAUGE);
        store.sinkFor(a).add("b_metric", COUNTER);
        store.put(Tenant.DEFAULT, "other", GAUGE);
        assertEquals(List.of("a_metric", "b_metric"),
                List.copyOf(store.query(a, null, 0).keySet()));
        assertEquals(Map.of("b_metric", COUNTER), store.query(a, "b_metric", 0));
        assertEquals(Map.of("a_metric", GAUGE), store.query(a, null, 1));
        assertEquals(Map.of(), store.query(new Tenant(9, 9), null, 0));
    }

    @Test
    void boundsDropNewEntriesButKeepUpdatingKnownOnes() {
        MetricMetadataStore store = new MetricMetadataStore(1, 2);
        store.put(Tenant.DEFAULT, "m1", GAUGE);
        store.put(Tenant.DEFAULT, "m2", GAUGE);
        store.put(Tenant.DEFAULT, "m3", GAUGE);
        store.put(Tenant.DEFAULT, "m1", COUNTER);
        store.put(new Tenant(2, 0), "x", GAUGE);
        assertEquals(Map.of("m1", COUNTER, "m2", GAUGE), store.query(Tenant.DEFAULT, null, 0));
        assertEquals(2, store.dropped());
    }

    @Test
    void concurrentWritersStayWithinTheFamilyBound() throws InterruptedException {
        MetricMetadataStore store = new MetricMetadataStore(4, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int id = t;
            pool.execute(() -> {
                for (int i = 0; i < 500; i++) {
                    store.put(Tenant.DEFAULT, "m" + (id * 500 + i), GAUGE);
                }
                done.countDown();
            });
        }
        assertEquals(true, done.await(30, TimeUnit.SECONDS));
        pool.shutdown();
        int size = store.query(Tenant.DEFAULT, null, 0).size();
        // Racing size checks may overshoot by at most one entry per writer thread.
        assertEquals(true, size >= 1000 && size <= 1004, "size " + size);
        assertEquals(2000 - size, store.dropped());
    }
}
