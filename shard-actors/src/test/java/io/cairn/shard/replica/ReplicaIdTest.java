package io.cairn.shard.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReplicaIdTest {
    @Test
    void entityIdRoundTrips() {
        ReplicaId id = new ReplicaId(31, 2, 7);
        assertEquals("s31-r2-g7", id.entityId());
        assertEquals(id, ReplicaId.parse("s31-r2-g7"));
    }

    @Test
    void rejectsOtherText() {
        for (String bad : new String[] {"", "s1-r2", "x1-r2-g3", "s1-r2-gx", "s-1-r2-g3"}) {
            assertThrows(IllegalArgumentException.class, () -> ReplicaId.parse(bad), bad);
        }
    }
}
