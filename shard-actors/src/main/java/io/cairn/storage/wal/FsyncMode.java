package io.cairn.storage.wal;

import java.util.Locale;

/**
 * When a WAL append is acknowledged relative to fsync ({@code -fsync=batch|always|never}).
 * In every mode acknowledgements of one replica complete in append order.
 */
public enum FsyncMode {
    /**
     * Group commit: the committer writes everything pending for all replicas, fsyncs each file
     * written once, then acknowledges. An acknowledged record survives kill -9 and power loss.
     */
    BATCH,
    /**
     * fsync after every record before acknowledging it. Same guarantee as {@link #BATCH}, one
     * fsync per record; for comparison and for disks where fsync is nearly free.
     */
    ALWAYS,
    /**
     * Acknowledge once the record is handed to the OS with write(); fsync only when a segment
     * is rolled or closed, or on {@link ReplicaWal#sync()}. Survives kill -9 (the page cache
     * outlives the process) but not power loss or a kernel crash.
     */
    NEVER;

    /**
     * Parses the flag value, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static FsyncMode parse(String text) {
        for (FsyncMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "invalid -fsync value \"" + text + "\": want batch, always or never");
    }

    /** The flag spelling, e.g. {@code batch}. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
