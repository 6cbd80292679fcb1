package io.cairn.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartNamesTest {
    @Test
    void mergedPartSortsWhereItsInputsWere() {
        String a = PartNames.of(20000, 1, 0);
        String b = PartNames.of(20000, 2, 0);
        String c = PartNames.of(20000, 3, 0);
        String mergedAb = PartNames.of(20000, 2, 1);
        assertTrue(a.compareTo(mergedAb) < 0);
        assertTrue(b.compareTo(mergedAb) < 0, "distinct from its newest input");
        assertTrue(mergedAb.compareTo(c) < 0, "older than parts flushed after its inputs");
        assertTrue(PartNames.of(20000, 999, 0).compareTo(PartNames.of(20000, 1000, 0)) < 0);
    }

    @Test
    void parsesItsOwnNamesOnly() {
        String n = PartNames.of(7, 42, 3);
        assertEquals(42, PartNames.sequenceOf(n));
        assertEquals(3, PartNames.generationOf(n));
        assertEquals(-1, PartNames.sequenceOf("x.part"));
        assertEquals(-1, PartNames.sequenceOf("000007-000000000042-003.part.tmp"));
    }
}
