package io.cairn.http.ingest;

import io.cairn.storage.model.Tenant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * In-memory metric metadata for {@code /api/v1/metadata}: per tenant, metric family name ->
 * the latest {@link MetricMetadata} received for it. Not persisted: Prometheus re-sends metadata
 * periodically (remote_write {@code send_metadata}), so a restarted node refills it.
 *
 * <p>Bounded: at most {@code maxTenants} tenants and {@code maxFamiliesPerTenant} families per
 * tenant. Once a bound is reached, metadata for new tenants or families is dropped (and counted in
 * {@link #dropped()}) while known families keep being updated; dropping new entries instead of
 * evicting old ones keeps a flood of junk names from displacing the real ones.
 *
 * <p>Thread-safe: any number of request threads may add and query concurrently.
 */
public final class MetricMetadataStore {
    private final int maxTenants;
    private final int maxFamiliesPerTenant;
    private final ConcurrentHashMap<Tenant, ConcurrentHashMap<String, MetricMetadata>> byTenant =
            new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    public MetricMetadataStore(int maxTenants, int maxFamiliesPerTenant) {
        if (maxTenants <= 0 || maxFamiliesPerTenant <= 0) {
            throw new IllegalArgumentException(
                    "metadata store bounds must be positive: maxTenants=" + maxTenants
                            + ", maxFamiliesPerTenant=" + maxFamiliesPerTenant);
        }
        this.maxTenants = maxTenants;
        this.maxFamiliesPerTenant = maxFamiliesPerTenant;
    }

    /** A sink that records into this store for {@code tenant}. */
    public MetadataSink sinkFor(Tenant tenant) {
        return (family, metadata) -> put(tenant, family, metadata);
    }

    public void put(Tenant tenant, String family, MetricMetadata metadata) {
        if (family.isEmpty()) {
            return;
        }
        ConcurrentHashMap<String, MetricMetadata> families = byTenant.get(tenant);
        if (families == null) {
            // The size check races with other creators, so the bound may be exceeded by the
            // number of concurrent writers; that is fine for a memory guard.
            if (byTenant.size() >= maxTenants) {
                dropped.increment();
                return;
            }
            families = byTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
        }
        if (families.size() >= maxFamiliesPerTenant && !families.containsKey(family)) {
            dropped.increment();
            return;
        }
        families.put(family, metadata);
    }

    /**
     * The metadata of {@code tenant}, sorted by family name: only {@code metric} when it is not
     * null, at most {@code limit} families when {@code limit > 0} (as Prometheus' {@code limit}
     * parameter).
     */
    public Map<String, MetricMetadata> query(Tenant tenant, String metric, int limit) {
        TreeMap<String, MetricMetadata> out = new TreeMap<>();
        ConcurrentHashMap<String, MetricMetadata> families = byTenant.get(tenant);
        if (families == null) {
            return out;
        }
        if (metric != null) {
            MetricMetadata m = families.get(metric);
            if (m != null) {
                out.put(metric, m);
            }
            return out;
        }
        out.putAll(families);
        while (limit > 0 && out.size() > limit) {
            out.pollLastEntry();
        }
        return out;
    }

    /** Metadata entries dropped because a bound was reached, since start. */
    public long dropped() {
        return dropped.sum();
    }
}
