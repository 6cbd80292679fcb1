package io.cairn.storage.index;

import io.cairn.storage.model.Labels;

/** Receives the records of the index log in order while it is replayed at open. */
interface IndexRecordHandler {
    void seriesCreated(long id, long tenantPacked, Labels labels);

    /** The series was active on every day of {@code [firstDay, lastDay]}. */
    void seriesActiveOnDays(long id, int firstDay, int lastDay);

    void seriesDeleted(long id);

    void daysDropped(int beforeDay);
}
