package io.cairn.http.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.cairn.http.format.RandomValues;
import io.cairn.promql.engine.MatrixResult;
import io.cairn.promql.engine.QueryResult;
import io.cairn.promql.engine.QueryValue;
import io.cairn.promql.engine.ScalarResult;
import io.cairn.promql.engine.StringResult;
import io.cairn.promql.engine.VectorResult;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte encoder {@link QueryJson} against the StringBuilder encoder it replaced
 * ({@link QueryJsonReference}): random answers of every result type, with random values of
 * every magnitude, timestamps of every sign, label sets and annotations full of characters
 * that need escaping or several UTF-8 bytes, partial or not. Every body must be identical byte
 * for byte.
 */
class QueryJsonEquivalenceTest {
    private static final int ROUNDS = 3_000;

    @Test
    void randomAnswersGiveTheReferenceBytes() {
        SplittableRandom r = new SplittableRandom(2026);
        for (int round = 0; round < ROUNDS; round++) {
            QueryResult result = new QueryResult(value(r), texts(r), texts(r));
            boolean partial = r.nextInt(4) == 0;
            List<String> partialWarnings = partial ? texts(r) : List.of();
            byte[] want = QueryJsonReference.success(result, partial, partialWarnings);
            int seed = round;
            assertArrayEquals(want, QueryJson.success(result, partial, partialWarnings),
                    () -> "round " + seed + ": " + result.value().typeName());
        }
    }

    private static QueryValue value(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0: {
                List<VectorResult.Sample> samples = new ArrayList<>();
                for (int i = r.nextInt(0, 20); i > 0; i--) {
                    samples.add(new VectorResult.Sample(labels(r), RandomValues.nextTimestamp(r),
                            RandomValues.nextDouble(r)));
                }
                return new VectorResult(samples);
            }
            case 1: {
                List<MatrixResult.Series> series = new ArrayList<>();
                for (int i = r.nextInt(0, 8); i > 0; i--) {
                    int n = r.nextInt(0, 200);
                    long[] ts = new long[n + r.nextInt(3)];
                    double[] v = new double[ts.length];
                    for (int k = 0; k < ts.length; k++) {
                        ts[k] = RandomValues.nextTimestamp(r);
                        v[k] = RandomValues.nextDouble(r);
                    }
                    series.add(new MatrixResult.Series(labels(r), ts, v, n));
                }
                return new MatrixResult(series);
            }
            case 2:
                // Scalar timestamps are evaluation times: within the float64-exact range.
                return new ScalarResult(r.nextLong(-(1L << 50), 1L << 50), RandomValues.nextDouble(r));
            default:
                return new StringResult(r.nextLong(-(1L << 50), 1L << 50), RandomValues.nextText(r));
        }
    }

    private static Labels labels(SplittableRandom r) {
        int n = r.nextInt(0, 5);
        String[] pairs = new String[2 * n + (r.nextBoolean() ? 2 : 0)];
        for (int i = 0; i < 2 * n; i++) {
            pairs[i] = (i % 2 == 0 ? "l" + i : "") + RandomValues.nextText(r);
        }
        if (pairs.length > 2 * n) {
            pairs[2 * n] = Labels.METRIC_NAME;
            pairs[2 * n + 1] = "node_load1" + RandomValues.nextText(r);
        }
        return Labels.of(pairs);
    }

    private static List<String> texts(SplittableRandom r) {
        List<String> texts = new ArrayList<>();
        for (int i = r.nextInt(-3, 3); i > 0; i--) {
            texts.add(RandomValues.nextText(r));
        }
        return texts;
    }
}
