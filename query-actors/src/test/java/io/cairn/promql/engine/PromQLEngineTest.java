package io.cairn.promql.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.promql.parser.ParseException;
import io.cairn.promql.promqltest.InMemorySeriesSource;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import io.cairn.storage.model.Tenant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromQLEngineTest {
    private static final Tenant T = Tenant.DEFAULT;
    private InMemorySeriesSource source;
    private PromQLEngine engine;

    @BeforeEach
    void load() {
        source = new InMemorySeriesSource();
        // Counters every 15s for 10 minutes; b stops (stale) at 5m.
        for (int i = 0; i <= 40; i++) {
            source.appendFloat(Labels.of("__name__", "req_total", "job", "a"), i * 15_000L, i * 3.0);
            if (i < 20) {
                source.appendFloat(Labels.of("__name__", "req_total", "job", "b"), i * 15_000L, i * 6.0);
            } else if (i == 20) {
                source.appendFloat(Labels.of("__name__", "req_total", "job", "b"), i * 15_000L, StaleMarker.VALUE);
            }
        }
        engine = new PromQLEngine(source, EngineOptions.DEFAULTS);
    }

    @Test
    void instantVectorKeepsNamesOfSelectorsAndDropsThemAfterArithmetic() {
        VectorResult v = (VectorResult) engine.instantQuery(T, "req_total", 120_000).value();
        assertEquals(2, v.samples().size());
        assertEquals("req_total", v.samples().get(0).labels().metricName());
        VectorResult sum = (VectorResult) engine.instantQuery(T, "sum by (job) (rate(req_total[1m]))", 120_000).value();
        assertEquals(2, sum.samples().size());
        for (VectorResult.Sample s : sum.samples()) {
            double want = s.labels().get("job").equals("a") ? 0.2 : 0.4;
            assertEquals(want, s.value(), 1e-12, s.labels().toString());
            assertEquals(120_000, s.timeMs());
        }
    }

    @Test
    void scalarAndStringResults() {
        assertEquals(new ScalarResult(5_000, 3), engine.instantQuery(T, "1 + 2", 5_000).value());
        assertEquals(new StringResult(5_000, "x"), engine.instantQuery(T, "\"x\"", 5_000).value());
    }

    @Test
    void rangeQueryHonoursStalenessAndSortsByLabels() {
        MatrixResult m = (MatrixResult) engine.rangeQuery(T, "req_total", 240_000, 360_000, 60_000).value();
        assertEquals(2, m.series().size());
        MatrixResult.Series a = m.series().get(0);
        MatrixResult.Series b = m.series().get(1);
        assertEquals("a", a.labels().get("job"));
        assertArrayEquals(new long[] {240_000, 300_000, 360_000}, a.timestamps());
        // b's staleness marker at 300s ends it: only the 240s point remains.
        assertEquals(1, b.count());
        assertEquals(240_000, b.timestamps()[0]);
    }

    @Test
    void matrixSelectorAsInstantQueryReturnsTheWindow() {
        MatrixResult m = (MatrixResult) engine.instantQuery(T, "req_total{job=\"a\"}[1m]", 60_000).value();
        // Left-open window (0s, 60s]: 15s, 30s, 45s, 60s.
        assertArrayEquals(new long[] {15_000, 30_000, 45_000, 60_000},
                java.util.Arrays.copyOf(m.series().get(0).timestamps(), m.series().get(0).count()));
    }

    @Test
    void rangeQueryOverRangeVectorIsABadRequest() {
        assertThrows(ParseException.class, () -> engine.rangeQuery(T, "req_total[1m]", 0, 60_000, 15_000));
        assertThrows(ParseException.class, () -> engine.instantQuery(T, "sum(", 0));
    }

    @Test
    void executionErrorsAreTyped() {
        QueryExecutionException e = assertThrows(QueryExecutionException.class,
                () -> engine.instantQuery(T, "req_total + on() req_total", 60_000));
        assertTrue(e.getMessage().contains("many-to-many matching not allowed"), e.getMessage());
        assertThrows(QueryExecutionException.class,
                () -> engine.instantQuery(T, "label_replace(req_total, \"job\", \"x\", \"\", \"\")", 60_000));
    }

    @Test
    void limitsNameTheirFlags() {
        PromQLEngine tight = new PromQLEngine(source, EngineOptions.DEFAULTS.withMaxSamplesPerQuery(10));
        QueryLimitExceededException samples = assertThrows(QueryLimitExceededException.class,
                () -> tight.instantQuery(T, "rate(req_total[5m])", 300_000));
        assertTrue(samples.getMessage().contains("-search.maxSamplesPerQuery"), samples.getMessage());
        PromQLEngine fewSeries = new PromQLEngine(source, EngineOptions.DEFAULTS.withMaxSeries(1));
        QueryLimitExceededException series = assertThrows(QueryLimitExceededException.class,
                () -> fewSeries.instantQuery(T, "req_total", 60_000));
        assertTrue(series.getMessage().contains("-search.maxSeries"), series.getMessage());
        PromQLEngine fewPoints = new PromQLEngine(source, EngineOptions.DEFAULTS.withMaxPointsPerTimeseries(10));
        QueryLimitExceededException points = assertThrows(QueryLimitExceededException.class,
                () -> fewPoints.rangeQuery(T, "req_total", 0, 600_000, 15_000));
        assertTrue(points.getMessage().contains("-search.maxPointsPerTimeseries"), points.getMessage());
    }

    @Test
    void expiredDeadlineTimesOut() {
        Deadline past = Deadline.after(Duration.ofNanos(1));
        long until = System.nanoTime() + 1_000_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertTrue(past.expired());
        assertThrows(QueryTimeoutException.class, () -> engine.instantQuery(T, "req_total", 0, past));
    }

    @Test
    void rangeQueryWarnsAboutSort() {
        QueryResult r = engine.rangeQuery(T, "sort(req_total)", 0, 60_000, 15_000);
        assertEquals(List.of("PromQL warning: sort is ineffective for range queries since results are "
                + "always ordered by labels (1:1)"), r.warnings());
        assertInstanceOf(MatrixResult.class, r.value());
    }
}
