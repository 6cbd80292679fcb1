package io.cairn.http.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cairn.http.format.JsonBytes;
import io.cairn.promql.engine.MatrixResult;
import io.cairn.promql.engine.QueryResult;
import io.cairn.storage.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A large matrix encoded in two halves gives exactly the bytes of the one-thread encoding. */
class MatrixHalvesTest {
    private static final byte[] HEAD = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "},\"warnings\":[\"a warning\"]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void halvesGiveTheSequentialBytes() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int round = 0; round < 20; round++) {
            int seriesCount = rnd.nextInt(2, 60);
            List<MatrixResult.Series> series = new ArrayList<>();
            for (int s = 0; s < seriesCount; s++) {
                // Uneven series, one of them sometimes holding most points (the split is by points).
                int n = s == 0 && round % 3 == 0 ? 30_000 : rnd.nextInt(1, 1_500);
                long[] ts = new long[n];
                double[] v = new double[n];
                for (int k = 0; k < n; k++) {
                    ts[k] = 1_700_000_000_000L + k * 15_000L + (round % 2 == 0 ? 0 : rnd.nextInt(1000));
                    v[k] = switch (rnd.nextInt(8)) {
                        case 0 -> Double.NaN;
                        case 1 -> 1e-9 * rnd.nextDouble();
                        case 2 -> -rnd.nextDouble() * 1e22;
                        default -> rnd.nextDouble() * 1e6;
                    };
                }
                series.add(new MatrixResult.Series(Labels.of("__name__", "m", "i", "\u00e9\"" + s), ts, v, n));
            }
            MatrixResult m = new MatrixResult(series);
            QueryResult result = new QueryResult(m, List.of("a warning"), List.of());
            if (totalPoints(series) < MatrixHalves.MIN_POINTS) {
                assertFalse(MatrixHalves.worthSplitting(m));
            }
            JsonBytes sequential = new JsonBytes(0);
            sequential.append(HEAD);
            QueryJson.appendResult(sequential, m);
            sequential.append(TAIL);
            byte[] want = sequential.toByteArray();
            assertArrayEquals(want, QueryJson.success(result), "round " + round);
            JsonBytes halves = new JsonBytes(0);
            halves.append(HEAD);
            MatrixHalves.appendMatrix(halves, m);
            halves.append(TAIL);
            assertArrayEquals(want, halves.toByteArray(), "round " + round);
            assertArrayEquals(want, QueryJsonReference.success(result), "round " + round);
        }
    }

    @Test
    void smallOrSingleSeriesMatricesAreNotSplit() {
        long[] ts = new long[MatrixHalves.MIN_POINTS * 2];
        double[] v = new double[ts.length];
        MatrixResult one = new MatrixResult(List.of(new MatrixResult.Series(Labels.of("a", "b"), ts, v, ts.length)));
        assertFalse(MatrixHalves.worthSplitting(one));
        MatrixResult small = new MatrixResult(List.of(
                new MatrixResult.Series(Labels.of("a", "b"), ts, v, 10),
                new MatrixResult.Series(Labels.of("a", "c"), ts, v, 10)));
        assertFalse(MatrixHalves.worthSplitting(small));
    }

    private static long totalPoints(List<MatrixResult.Series> series) {
        long n = 0;
        for (MatrixResult.Series s : series) {
            n += s.count();
        }
        return n;
    }
}
