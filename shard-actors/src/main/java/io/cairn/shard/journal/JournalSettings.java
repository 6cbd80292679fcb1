package io.cairn.shard.journal;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * Settings of the journal plugin, read from its config section ({@code cairn.journal}).
 *
 * @param root             directory holding {@code journal/<escaped persistence id>/}
 * @param segmentSize      a segment is closed and a new one started once it holds this many
 *                         bytes (the last record may make it a little larger)
 * @param maxRecordSize    largest record body in bytes; a longer length field on disk is
 *                         corruption, a longer AtomicWrite is rejected
 * @param fsync            whether writes are forced to disk before they are acknowledged;
 *                         {@code false} only for tests and benchmarks of everything but the disk
 * @param fsyncParallelism how many journals of one group commit are forced concurrently (the
 *                         file system merges concurrent fsyncs into fewer journal commits)
 */
public record JournalSettings(Path root, long segmentSize, int maxRecordSize, boolean fsync,
                              int fsyncParallelism) {

    public JournalSettings {
        if (segmentSize < JournalSegment.HEADER_LENGTH + 64) {
            throw new IllegalArgumentException("cairn.journal.segment-size too small: " + segmentSize);
        }
        if (maxRecordSize < 64) {
            throw new IllegalArgumentException("cairn.journal.max-record-size too small: " + maxRecordSize);
        }
        if (fsyncParallelism < 1) {
            throw new IllegalArgumentException("cairn.journal.fsync-parallelism must be >= 1, got "
                    + fsyncParallelism);
        }
    }

    /** Reads {@code dir}, {@code segment-size}, {@code max-record-size}, {@code fsync}, {@code fsync-parallelism}. */
    public static JournalSettings fromConfig(Config config) {
        long maxRecord = config.getBytes("max-record-size");
        if (maxRecord > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("cairn.journal.max-record-size too large: " + maxRecord);
        }
        return new JournalSettings(Path.of(config.getString("dir")).resolve("journal"),
                config.getBytes("segment-size"), (int) maxRecord, config.getBoolean("fsync"),
                config.getInt("fsync-parallelism"));
    }
}
