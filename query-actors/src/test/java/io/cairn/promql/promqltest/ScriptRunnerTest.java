package io.cairn.promql.promqltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.promql.promqltest.CaseResult.Status;
import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptRunnerTest {

    @Test
    void classifiesEachEval() {
        String script = String.join("\n",
                "load 1m",
                "  m{a=\"1\"} 0+1x10",
                "  h {{schema:0 sum:1 count:1}}x5",
                "  c{a=\"1\"}@st _ -1mx9",
                "  c{a=\"1\"} 0+1x10",
                "",
                "eval instant at 5m m",
                "  m{a=\"1\"} 5",
                "",
                "eval instant at 5m m",
                "  m{a=\"1\"} 6",
                "",
                "eval instant at 2m h",
                "",
                "eval instant at 2m c",
                "",
                "eval instant at 1m m",
                "  expect no_info",
                "  expect fail",
                "",
                "eval range from 0 to 2m step 1m -m",
                "  {a=\"1\"} 0 -1 -2",
                "",
                "eval instant at 1m {} 1",
                "  expect string \"x\"",
                "");
        List<CaseResult> r = new ScriptRunner().run("t.test", script);
        assertEquals(List.of(Status.PASSED, Status.FAILED, Status.SKIPPED, Status.SKIPPED, Status.FAILED,
                Status.PASSED, Status.FAILED), r.stream().map(CaseResult::status).toList(), r.toString());
        assertEquals("t.test:7", r.get(0).id());
        assertTrue(r.get(1).message().contains("expected 6.0"), r.get(1).message());
        assertTrue(r.get(2).message().startsWith("native histograms"), r.get(2).message());
        assertTrue(r.get(3).message().startsWith("start timestamps"), r.get(3).message());
        assertTrue(r.get(4).message().contains("expected an error"), r.get(4).message());
    }

    @Test
    void reRunsWithAtModifierAndInRangeMode() {
        // time() is step dependent: re-runs are skipped; the original and range-mode runs pass.
        List<CaseResult> r = new ScriptRunner().run("t.test", "eval instant at 10s time()\n  10\n");
        assertEquals(Status.PASSED, r.get(0).status(), r.toString());
    }

    @Test
    void sourceTracksHistogramAndStartTimestampReads() {
        InMemorySeriesSource s = new InMemorySeriesSource();
        Labels f = Labels.of("__name__", "f");
        Labels h = Labels.of("__name__", "h");
        s.appendFloat(f, 0, 1);
        s.appendFloat(f, 10, 2);
        s.appendFloat(f, 10, 3);
        s.appendHistogram(h, 20);
        assertEquals(1, s.droppedSamples(), "same timestamp twice is rejected");
        List<LabelMatcher> any = List.of(LabelMatcher.of(LabelMatcher.Type.RE, "__name__", ".+"));
        assertEquals(1, s.select(Tenant.DEFAULT, any, 0, 10, 10).get(0).count() - 1);
        assertTrue(s.histogramReads().isEmpty(), "histogram sample lies outside [0, 10]");
        assertEquals(1, s.select(Tenant.DEFAULT, any, 5, 30, 10).size(), "float series only");
        assertEquals(List.of("h{}"), s.histogramReads());
        s.resetReadTracking();
        assertTrue(s.histogramReads().isEmpty());
    }
}
