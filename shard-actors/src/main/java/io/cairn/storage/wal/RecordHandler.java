package io.cairn.storage.wal;

import org.agrona.DirectBuffer;

/** Receives WAL records during {@link ReplicaWal#replay(long, RecordHandler)}. */
@FunctionalInterface
public interface RecordHandler {
    /**
     * One record, in log order.
     *
     * @param position the record's log position (just past its last byte)
     * @param buffer holds the payload; valid only during this call (it is a read-only mapping
     *     of the segment that is unmapped afterwards), so copy what you keep
     * @param offset payload start in {@code buffer}
     * @param length payload length in bytes
     */
    void onRecord(long position, DirectBuffer buffer, int offset, int length);
}
