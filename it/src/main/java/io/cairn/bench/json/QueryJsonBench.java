package io.cairn.bench.json;

import io.cairn.http.api.QueryJson;
import io.cairn.promql.engine.MatrixResult;
import io.cairn.promql.engine.QueryResult;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per point of {@link QueryJson#success} on a realistic {@code query_range} answer: 38
 * node_exporter-like series ({@code __name__}, {@code instance="host-000001:9100"},
 * {@code job="node"}) at a 15 s step: {@code hour}, 241 points each (9,158 points: below
 * MatrixHalves' split threshold, so one thread), and {@code sixHours}, 1,441 each (54,758
 * points: encoded in two halves, so the figure is wall time on two threads).
 *
 * <p>Value shapes: {@code GAUGE_2DP} 0.5 to 4.0 with two decimals ({@code "1.37"}),
 * {@code COUNTER} large counters with a fraction ({@code "123456789.25"}), {@code RATE} full
 * 16-17 digit quotients ({@code "3669416.053220679"}). Timestamps are whole seconds, as a
 * range query's steps usually are.
 *
 * <p>The result is ns per point (the whole body, labels and envelope included, divided by the
 * number of points). Run as described in {@code io.cairn.bench.codec}'s package-info, e.g.
 * {@code java -cp "$CP" org.openjdk.jmh.Main QueryJsonBench -f 1 -wi 3 -i 5 -prof gc};
 * {@code gc.alloc.rate.norm} is bytes allocated per point (the body itself is about 25 of
 * them).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class QueryJsonBench {
    private static final int SERIES = 38;
    private static final int HOUR = 241;
    private static final int SIX_HOURS = 1441;
    private static final long START_MS = 1_795_281_180_000L;
    private static final long STEP_MS = 15_000;

    @Param({"GAUGE_2DP", "COUNTER", "RATE"})
    public String shape;

    private QueryResult hour;
    private QueryResult sixHours;

    @Setup(Level.Trial)
    public void setUp() {
        hour = matrix(HOUR);
        sixHours = matrix(SIX_HOURS);
    }

    private QueryResult matrix(int pointsPerSeries) {
        SplittableRandom r = new SplittableRandom(17);
        List<MatrixResult.Series> series = new ArrayList<>(SERIES);
        for (int s = 0; s < SERIES; s++) {
            long[] ts = new long[pointsPerSeries];
            double[] v = new double[pointsPerSeries];
            double counter = 123_456_789.25 + s * 1_000_000;
            for (int i = 0; i < pointsPerSeries; i++) {
                ts[i] = START_MS + i * STEP_MS;
                v[i] = switch (shape) {
                    case "GAUGE_2DP" -> r.nextInt(50, 401) / 100.0;
                    case "COUNTER" -> counter += r.nextInt(0, 4000) * 0.25;
                    case "RATE" -> r.nextLong(1_000_000_000L, 100_000_000_000L) / 15.0 / 1000.0;
                    default -> throw new IllegalArgumentException("unknown shape " + shape);
                };
            }
            Labels labels = Labels.of("__name__", "node_load1",
                    "instance", String.format("host-%06d:9100", s + 1), "job", "node");
            series.add(new MatrixResult.Series(labels, ts, v, pointsPerSeries));
        }
        QueryResult result = new QueryResult(new MatrixResult(series), List.of(), List.of());
        System.out.printf("%n%s x %d: %d points, %d bytes%n", shape, pointsPerSeries,
                SERIES * pointsPerSeries, QueryJson.success(result).length);
        return result;
    }

    /** One hour: 9,158 points, encoded on one thread. */
    @Benchmark
    @OperationsPerInvocation(SERIES * HOUR)
    public byte[] hour() {
        return QueryJson.success(hour);
    }

    /** Six hours: 54,758 points, encoded in two halves (the figure is wall time per point). */
    @Benchmark
    @OperationsPerInvocation(SERIES * SIX_HOURS)
    public byte[] sixHours() {
        return QueryJson.success(sixHours);
    }
}
