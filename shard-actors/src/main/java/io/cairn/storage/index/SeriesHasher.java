package io.cairn.storage.index;

import io.cairn.storage.hash.SeriesIds;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;

/**
 * The function from (tenant, labels) to the base series id. Production always uses
 * {@link #DEFAULT} ({@link SeriesIds}); tests substitute one with forced collisions.
 * Implementations must be pure and allocation-free.
 */
@FunctionalInterface
public interface SeriesHasher {
    SeriesHasher DEFAULT = SeriesIds::of;

    long hash(Tenant tenant, Labels labels);
}
