package io.cairn.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.replica.ReadResult;
import io.cairn.storage.api.SeriesData;
import io.cairn.storage.index.TsdbStatus;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaMergeTest {
    private static final Labels A = Labels.of("__name__", "a");
    private static final Labels B = Labels.of("__name__", "b");

    /** "1=10,2=20" -> a series; the arrays get spare capacity that must be ignored. */
    private static SeriesData series(Labels labels, String samples) {
        String[] parts = samples.isEmpty() ? new String[0] : samples.split(",");
        long[] ts = new long[parts.length + 3];
        double[] vs = new double[parts.length + 3];
        Arrays.fill(ts, 999);
        for (int i = 0; i < parts.length; i++) {
            String[] kv = parts[i].split("=");
            ts[i] = Long.parseLong(kv[0]);
            vs[i] = Double.parseDouble(kv[1]);
        }
        return new SeriesData(labels, ts, vs, parts.length);
    }

    private static String text(SeriesData s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.count(); i++) {
            out.add(s.timestamps()[i] + "=" + (long) s.values()[i]);
        }
        return String.join(",", out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "disjoint           | 1=1,3=3     | 2=2,4=4     | 1=1,2=2,3=3,4=4",
        "overlap            | 1=1,2=2     | 2=2,3=3     | 1=1,2=2,3=3",
        "preferred wins     | 1=1,2=2     | 2=9,3=3     | 1=1,2=2,3=3",
        "identical          | 1=1,2=2     | 1=1,2=2     | 1=1,2=2",
        "first empty        | ''          | 5=5         | 5=5",
        "second empty       | 5=5         | ''          | 5=5",
        "second before      | 7=7,8=8     | 1=1,2=2     | 1=1,2=2,7=7,8=8",
        "contained          | 1=1,5=5     | 2=2,3=3,4=4 | 1=1,2=2,3=3,4=4,5=5",
    })
    void seriesUnionKeepsOneSamplePerTimestamp(String name, String a, String b, String want) {
        assertEquals(want, text(ReplicaMerge.series(series(A, a), series(A, b))));
    }

    @Test
    void samplesAreMergedPerSeriesAndOtherAnswersUnited() {
        ReadResult merged = ReplicaMerge.merge(List.of(
                new ReadResult.Samples(List.of(series(A, "1=1"))),
                new ReadResult.Samples(List.of(series(B, "1=5"), series(A, "2=2")))));
        List<SeriesData> s = ((ReadResult.Samples) merged).series();
        assertEquals(List.of(A, B), s.stream().map(SeriesData::labels).toList());
        assertEquals("1=1,2=2", text(s.get(0)));
        assertEquals("1=5", text(s.get(1)));

        assertEquals(new ReadResult.Strings(List.of("a", "b", "c")), ReplicaMerge.merge(List.of(
                new ReadResult.Strings(List.of("b", "c")), new ReadResult.Strings(List.of("a", "b")))));
        assertEquals(new ReadResult.LabelSets(List.of(A, B)), ReplicaMerge.merge(List.of(
                new ReadResult.LabelSets(List.of(B)), new ReadResult.LabelSets(List.of(A, B)))));
        TsdbStatus small = new TsdbStatus(1, 1, List.of(), List.of(), List.of(), List.of(), List.of());
        TsdbStatus big = new TsdbStatus(5, 2, List.of(), List.of(), List.of(), List.of(), List.of());
        assertEquals(new ReadResult.Cardinality(big), ReplicaMerge.merge(List.of(
                new ReadResult.Cardinality(small), new ReadResult.Cardinality(big))));

        IllegalStateException bug = assertThrows(IllegalStateException.class, () ->
                ReplicaMerge.merge(List.of(new ReadResult.Strings(List.of()),
                        new ReadResult.LabelSets(List.of()))));
        assertTrue(bug.getMessage().startsWith("BUG: "), bug.getMessage());
    }

    @Test
    void randomSubsetsOfOneSeriesMergeToTheirUnion() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            TreeMap<Long, Double> truth = new TreeMap<>();
            List<ReadResult> answers = new ArrayList<>();
            int replicas = 1 + rnd.nextInt(3);
            for (int r = 0; r < replicas; r++) {
                List<Long> ts = new ArrayList<>();
                for (long t = 0; t < 60; t++) {
                    if (rnd.nextInt(3) > 0) {
                        ts.add(t);
                        truth.put(t, (double) t * 2);
                    }
                }
                long[] t = ts.stream().mapToLong(Long::longValue).toArray();
                double[] v = ts.stream().mapToDouble(x -> x * 2.0).toArray();
                answers.add(new ReadResult.Samples(List.of(new SeriesData(A, t, v, t.length))));
            }
            List<SeriesData> out = ((ReadResult.Samples) ReplicaMerge.merge(answers)).series();
            long[] wantT = truth.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] wantV = truth.values().stream().mapToDouble(Double::doubleValue).toArray();
            if (wantT.length == 0) {
                assertEquals(0, out.isEmpty() ? 0 : out.get(0).count());
                continue;
            }
            assertArrayEquals(wantT, Arrays.copyOf(out.get(0).timestamps(), out.get(0).count()));
            assertArrayEquals(wantV, Arrays.copyOf(out.get(0).values(), out.get(0).count()));
        }
    }
}
