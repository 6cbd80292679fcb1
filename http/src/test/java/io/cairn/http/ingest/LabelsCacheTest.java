package io.cairn.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelsCacheTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void getAfterPutComparesBytesAndContext() {
        LabelsCache cache = new LabelsCache(64);
        byte[] key = bytes("xxup{job=\"a\"}yy");
        Labels labels = Labels.of("__name__", "up", "job", "a");
        int h = LabelsCache.hash(key, 2, key.length - 4);
        cache.put(ExtraLabels.NONE, key, 2, key.length - 4, h, labels);
        key[0] = 'z'; // outside the key: irrelevant; the cache copied the key bytes anyway
        byte[] same = bytes("up{job=\"a\"}");
        assertSame(labels, cache.get(ExtraLabels.NONE, same, 0, same.length,
                LabelsCache.hash(same, 0, same.length)));
        ExtraLabels other = ExtraLabels.parse(List.of("a=b"));
        assertNull(cache.get(other, same, 0, same.length, LabelsCache.hash(same, 0, same.length)));
        byte[] different = bytes("up{job=\"b\"}");
        // Even with a forged equal hash, different bytes never match.
        assertNull(cache.get(ExtraLabels.NONE, different, 0, different.length, h));
        assertEquals(0, cache.hits() + cache.misses(), "lookups are counted by the callers");
        cache.recordLookups(1, 2);
        assertEquals(1, cache.hits());
        assertEquals(2, cache.misses());
    }

    @Test
    void staysBoundedAndKeepsServingRecentKeys() {
        LabelsCache cache = new LabelsCache(1024);
        assertEquals(1024, cache.capacity());
        Labels l = Labels.of("__name__", "m");
        int found = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] k = bytes("series-" + i);
            int h = LabelsCache.hash(k, 0, k.length);
            cache.put(ExtraLabels.NONE, k, 0, k.length, h, l);
            if (cache.get(ExtraLabels.NONE, k, 0, k.length, h) == l) {
                found++;
            }
        }
        assertEquals(100_000, found, "a key just put is found");
        int resident = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] k = bytes("series-" + i);
            if (cache.get(ExtraLabels.NONE, k, 0, k.length, LabelsCache.hash(k, 0, k.length))
                    != null) {
                resident++;
            }
        }
        assertTrue(resident <= 1024 && resident > 512, "resident " + resident);
    }

    @Test
    void hashSpreadsSimilarKeys() {
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 4096; i++) {
            byte[] k = bytes("node_cpu_seconds_total{cpu=\"" + i + "\",mode=\"idle\"}");
            slots.add(LabelsCache.hash(k, 0, k.length) & 4095);
        }
        assertTrue(slots.size() > 2400, "distinct slots " + slots.size());
    }
}
