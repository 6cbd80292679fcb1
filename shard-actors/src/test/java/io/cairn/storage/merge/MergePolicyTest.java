package io.cairn.storage.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.part.PartInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergePolicyTest {
    private final MergePolicy policy = new MergePolicy(4, 8, 1000, 2.0);

    private static List<PartInfo> parts(long... sizes) {
        List<PartInfo> list = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            list.add(new PartInfo("p" + i, 0, 1, 1, 1, 1, sizes[i]));
        }
        return list;
    }

    private static List<String> names(List<PartInfo> parts) {
        List<String> names = new ArrayList<>();
        for (PartInfo p : parts) {
            names.add(p.fileName());
        }
        return names;
    }

    @Test
    void tooFewPartsAreLeftAlone() {
        assertTrue(policy.pick(parts()).isEmpty());
        assertTrue(policy.pick(parts(10, 10, 10)).isEmpty());
    }

    @Test
    void similarSmallPartsAreMerged() {
        assertEquals(List.of("p0", "p1", "p2", "p3"), names(policy.pick(parts(10, 11, 9, 10))));
    }

    @Test
    void atMostMaxPartsAtOnce() {
        List<PartInfo> picked = policy.pick(parts(10, 10, 10, 10, 10, 10, 10, 10, 10, 10));
        assertEquals(8, picked.size());
    }

    @Test
    void aBigPartIsNotRewrittenWithTinyOnes() {
        // 300 + 4 x 5: total/largest = 1.07, not worth it; the four tiny ones alone are.
        assertEquals(List.of("p1", "p2", "p3", "p4"), names(policy.pick(parts(300, 5, 5, 5, 5))));
        assertTrue(policy.pick(parts(300, 5, 5, 5)).isEmpty());
    }

    @Test
    void outputSizeIsBounded() {
        // Parts over half the bound are final; the window must fit the bound.
        assertTrue(policy.pick(parts(600, 600, 600, 600)).isEmpty());
        assertEquals(List.of("p0", "p1", "p2", "p3"), names(policy.pick(parts(240, 240, 240, 240, 240))));
    }

    @Test
    void windowsAreContiguousInAgeOrder() {
        // A finished big part in the middle separates two groups; each alone is too small.
        assertTrue(policy.pick(parts(10, 10, 10, 900, 10, 10, 10)).isEmpty());
        assertEquals(List.of("p4", "p5", "p6", "p7"), names(policy.pick(parts(10, 10, 10, 900, 10, 10, 10, 10))));
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new MergePolicy(1, 4, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> new MergePolicy(4, 3, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> new MergePolicy(2, 4, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new MergePolicy(2, 4, 10, 0.5));
    }
}
