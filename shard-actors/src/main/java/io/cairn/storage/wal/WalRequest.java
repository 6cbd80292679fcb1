package io.cairn.storage.wal;

import java.util.concurrent.CompletableFuture;

/**
 * One unit of work for the {@link GroupCommitter}: an append, a sync, a roll or a close of one
 * {@link ReplicaWal}. Created by any thread, then handed over through the committer's queue;
 * after that only the committer thread touches it, except {@link #done}.
 */
final class WalRequest {
    enum Kind { APPEND, SYNC, ROLL, CLOSE }

    final Kind kind;
    final ReplicaWal wal;
    /** Owned by the WAL once submitted; null unless {@link Kind#APPEND}. */
    final byte[] payload;
    final int checksum;
    /** {@link Kind#ROLL}: roll only if every staged record is at or below this position. */
    final long coveredBy;
    final CompletableFuture<Long> done = new CompletableFuture<>();

    /** Log position assigned by the committer. */
    long position;
    /** Next request of the same WAL within one batch (committer thread only). */
    WalRequest nextPending;

    private WalRequest(Kind kind, ReplicaWal wal, byte[] payload, int checksum, long coveredBy) {
        this.kind = kind;
        this.wal = wal;
        this.payload = payload;
        this.checksum = checksum;
        this.coveredBy = coveredBy;
    }

    static WalRequest append(ReplicaWal wal, byte[] payload) {
        return new WalRequest(Kind.APPEND, wal, payload, WalRecordDescriptor.checksum(
                WalRecordDescriptor.TYPE_DATA, payload, 0, payload.length), 0);
    }

    static WalRequest sync(ReplicaWal wal) {
        return new WalRequest(Kind.SYNC, wal, null, 0, 0);
    }

    static WalRequest roll(ReplicaWal wal, long coveredBy) {
        return new WalRequest(Kind.ROLL, wal, null, 0, coveredBy);
    }

    static WalRequest close(ReplicaWal wal) {
        return new WalRequest(Kind.CLOSE, wal, null, 0, 0);
    }

    int recordLength() {
        return WalRecordDescriptor.HEADER_LENGTH + payload.length;
    }
}
