package io.cairn.storage.engine;

/**
 * Settings of one shard replica's store.
 *
 * @param retentionMs samples older than now minus this are not accepted and are dropped with
 *     their day partitions
 * @param dedupIntervalMs one sample per series per interval is kept (0 = off)
 * @param headFlushRows the owner should flush the head once it holds this many rows
 */
public record StoreOptions(long retentionMs, long dedupIntervalMs, int headFlushRows) {}
