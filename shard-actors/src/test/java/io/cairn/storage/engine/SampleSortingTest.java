package io.cairn.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.model.SampleBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SampleSortingTest {
    private static SampleBuffer buffer(long[] ts, double[] vs) {
        SampleBuffer b = new SampleBuffer();
        b.append(ts, vs, 0, ts.length);
        return b;
    }

    private static void assertSorted(SampleBuffer b, long[] ts, double[] vs) {
        assertArrayEquals(ts, Arrays.copyOf(b.timestamps(), b.count()), "timestamps");
        assertArrayEquals(vs, Arrays.copyOf(b.values(), b.count()), "values");
    }

    @Test
    void tableCases() {
        record Case(String name, long[] ts, double[] vs, long[] wantT, double[] wantV) {}
        Case[] cases = {
            new Case("empty", new long[0], new double[0], new long[0], new double[0]),
            new Case("sorted", new long[] {1, 2, 3}, new double[] {1, 2, 3},
                    new long[] {1, 2, 3}, new double[] {1, 2, 3}),
            new Case("two runs in the wrong order", new long[] {4, 5, 6, 1, 2, 3},
                    new double[] {4, 5, 6, 1, 2, 3}, new long[] {1, 2, 3, 4, 5, 6},
                    new double[] {1, 2, 3, 4, 5, 6}),
            new Case("overlap: the later run wins", new long[] {1, 2, 3, 2, 3, 4},
                    new double[] {10, 20, 30, 21, 31, 41}, new long[] {1, 2, 3, 4},
                    new double[] {10, 21, 31, 41}),
            new Case("equal within a run: the later wins", new long[] {1, 2, 2, 3},
                    new double[] {1, 2, 3, 4}, new long[] {1, 2, 3}, new double[] {1, 3, 4}),
            new Case("older part after newer in time, head rewrites", new long[] {5, 6, 1, 2, 6, 1},
                    new double[] {5, 6, 1, 2, 60, 10}, new long[] {1, 2, 5, 6},
                    new double[] {10, 2, 5, 60}),
            new Case("unsorted head", new long[] {1, 2, 9, 3, 8, 4},
                    new double[] {1, 2, 9, 3, 8, 4}, new long[] {1, 2, 3, 4, 8, 9},
                    new double[] {1, 2, 3, 4, 8, 9}),
            new Case("three runs", new long[] {7, 8, 4, 5, 6, 1, 2, 3},
                    new double[] {7, 8, 4, 5, 6, 1, 2, 3}, new long[] {1, 2, 3, 4, 5, 6, 7, 8},
                    new double[] {1, 2, 3, 4, 5, 6, 7, 8}),
        };
        for (Case c : cases) {
            SampleBuffer b = buffer(c.ts, c.vs);
            SampleSorting.sortDedupKeepLast(b);
            assertEquals(c.wantT.length, b.count(), c.name);
            assertSorted(b, c.wantT, c.wantV);
        }
    }

    @Test
    void randomisedAgainstLastWriteWinsMap() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int round = 0; round < 2000; round++) {
            int parts = rnd.nextInt(1, 8);
            SampleBuffer b = new SampleBuffer();
            TreeMap<Long, Double> expected = new TreeMap<>();
            double value = 0;
            for (int p = 0; p < parts; p++) {
                boolean head = p == parts - 1 && rnd.nextBoolean();
                long start = rnd.nextLong(0, 200);
                int n = rnd.nextInt(0, 60);
                long t = start;
                for (int i = 0; i < n; i++) {
                    t = head ? rnd.nextLong(0, 300) : t + rnd.nextLong(0, 4);
                    b.append(t, ++value);
                    expected.put(t, value);
                }
            }
            SampleSorting.sortDedupKeepLast(b);
            long[] wantT = new long[expected.size()];
            double[] wantV = new double[expected.size()];
            int i = 0;
            for (Map.Entry<Long, Double> e : expected.entrySet()) {
                wantT[i] = e.getKey();
                wantV[i++] = e.getValue();
            }
            assertSorted(b, wantT, wantV);
        }
    }
}
