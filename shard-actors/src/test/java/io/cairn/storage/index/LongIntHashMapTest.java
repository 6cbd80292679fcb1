package io.cairn.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {
    /** Random puts and removes against java.util.HashMap, with clustered keys to stress probing. */
    @Test
    void behavesLikeAHashMap() {
        Random rnd = new Random(3);
        LongIntHashMap map = new LongIntHashMap(4);
        Map<Long, Integer> ref = new HashMap<>();
        for (int op = 0; op < 200_000; op++) {
            long key = rnd.nextBoolean() ? rnd.nextInt(5000) : rnd.nextInt(5000) * (1L << 40);
            switch (rnd.nextInt(3)) {
                case 0, 1 -> {
                    int v = rnd.nextInt(Integer.MAX_VALUE);
                    map.put(key, v);
                    ref.put(key, v);
                }
                default -> assertEquals(ref.containsKey(key) ? ref.remove(key)
                        : LongIntHashMap.MISSING, map.remove(key));
            }
            if (op % 1000 == 0) {
                assertEquals(ref.size(), map.size());
                for (Map.Entry<Long, Integer> e : ref.entrySet()) {
                    assertEquals(e.getValue(), map.get(e.getKey()));
                }
            }
        }
        assertEquals(LongIntHashMap.MISSING, map.get(-12345L));
    }
}
