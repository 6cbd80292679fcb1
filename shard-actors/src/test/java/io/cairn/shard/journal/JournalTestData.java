package io.cairn.shard.journal;

import io.cairn.shard.journal.JournalRecord.Events;
import io.cairn.shard.journal.JournalRecord.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Records for journal tests. */
final class JournalTestData {

    static final int MAX_RECORD = 1 << 20;

    private JournalTestData() {
    }

    static StoredEvent event(long seqNr) {
        return new StoredEvent("", 7301, "WC", ("event-" + seqNr).getBytes(StandardCharsets.UTF_8));
    }

    /** One record with events {@code first .. first + count - 1}. */
    static Events events(long first, int count) {
        List<StoredEvent> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(event(first + i));
        }
        return new Events(first, 1_700_000_000_000L + first, "writer-uuid-1", list);
    }

    static Events randomEvents(Random rnd, long first) {
        int count = 1 + rnd.nextInt(5);
        List<StoredEvent> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[rnd.nextInt(300)];
            rnd.nextBytes(payload);
            list.add(new StoredEvent(rnd.nextBoolean() ? "" : "adapter-" + rnd.nextInt(9), rnd.nextInt(),
                    rnd.nextBoolean() ? "" : "m\u00e4nifest" + rnd.nextInt(99), payload));
        }
        return new Events(first, rnd.nextLong() >>> 1, "uuid-" + rnd.nextInt(), list);
    }

    static JournalSettings settings(java.nio.file.Path root, long segmentSize) {
        return new JournalSettings(root, segmentSize, MAX_RECORD, true, 4);
    }
}
