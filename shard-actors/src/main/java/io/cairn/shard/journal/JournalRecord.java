package io.cairn.shard.journal;

import java.util.List;

/**
 * One record of a persistence id's journal, as encoded by {@link JournalRecordCodec}. Records
 * are the unit of atomicity: a record is either read back whole (checksum valid) or not at all.
 */
public sealed interface JournalRecord {

    /**
     * The events of one Pekko {@code AtomicWrite}, with consecutive sequence numbers
     * {@code firstSeqNr .. firstSeqNr + events.size() - 1}.
     *
     * @param timestampMs wall-clock time of the write, Unix milliseconds
     * @param writerUuid  the writing entity incarnation's id (Pekko's replay filter uses it)
     */
    record Events(long firstSeqNr, long timestampMs, String writerUuid, List<StoredEvent> events)
            implements JournalRecord {
        public Events {
            if (firstSeqNr < 1) {
                throw new IllegalArgumentException("firstSeqNr must be >= 1, got " + firstSeqNr);
            }
            if (events.isEmpty()) {
                throw new IllegalArgumentException("an events record needs at least one event");
            }
            events = List.copyOf(events);
        }

        public long lastSeqNr() {
            return firstSeqNr + events.size() - 1;
        }
    }

    /** Every event with a sequence number {@code <= toSeqNr} is deleted. */
    record DeletedTo(long toSeqNr) implements JournalRecord {
        public DeletedTo {
            if (toSeqNr < 0) {
                throw new IllegalArgumentException("toSeqNr must be >= 0, got " + toSeqNr);
            }
        }
    }

    /**
     * One serialized event.
     *
     * @param adapterManifest    Pekko's PersistentRepr manifest (set by event adapters, usually "")
     * @param serializerId       id of the Pekko serializer that produced {@code payload}
     * @param serializerManifest that serializer's manifest for the event ("" when it has none)
     * @param payload            the serialized event; owned by this record, never modified
     */
    record StoredEvent(String adapterManifest, int serializerId, String serializerManifest, byte[] payload) {
        public StoredEvent {
            if (adapterManifest == null || serializerManifest == null || payload == null) {
                throw new IllegalArgumentException("StoredEvent fields must not be null");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StoredEvent e && serializerId == e.serializerId
                    && adapterManifest.equals(e.adapterManifest)
                    && serializerManifest.equals(e.serializerManifest)
                    && java.util.Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return (adapterManifest.hashCode() * 31 + serializerManifest.hashCode()) * 31
                    + serializerId * 17 + java.util.Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "StoredEvent[serializer=" + serializerId + ", manifest=" + serializerManifest
                    + ", adapterManifest=" + adapterManifest + ", " + payload.length + " bytes]";
        }
    }
}
