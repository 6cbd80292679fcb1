package io.cairn.promql.promqltest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "m 1 2 3                 | 1 2 3",
        "m 0+10x3                | 0 10 20 30",
        "m -2+4x3                | -2 2 6 10",
        "m 10-2.5x2              | 10 7.5 5",
        "m 7x2                   | 7 7 7",
        "m 1 _ 3                 | 1 _ 3",
        "m _x3 4                 | _ _ _ 4",
        "m .5 1e3 2.258E+220     | 0.5 1000 2.258E220",
        "m Inf -Inf +inf NaN     | Infinity -Infinity Infinity NaN",
    })
    void expandsValueItems(String line, String expected) {
        SeriesDescription s = SeriesDescriptionParser.parse(line, 1);
        String[] want = expected.split(" ");
        assertEquals(want.length, s.slots(), line);
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals("_")) {
                assertEquals(SeriesDescription.OMITTED, s.kinds()[i]);
            } else {
                assertEquals(SeriesDescription.FLOAT, s.kinds()[i]);
                assertEquals(Double.parseDouble(want[i]), s.values()[i], 0, line + " slot " + i);
            }
        }
    }

    @Test
    void parsesMetricPartsAndSpecialItems() {
        SeriesDescription s = SeriesDescriptionParser.parse(
                "http{job=\"api\", path=\"/a b\"} stale {{schema:0 sum:1 count:1}}x2 {{}}+{{count:1}}x1", 3);
        assertEquals(Labels.of("__name__", "http", "job", "api", "path", "/a b"), s.labels());
        assertTrue(StaleMarker.is(s.values()[0]));
        assertArrayEquals(new byte[] {0, 2, 2, 2, 2, 2}, s.kinds());
        assertTrue(s.hasHistogram());
        assertEquals(Labels.of("a", "1"), SeriesDescriptionParser.parse("{a=\"1\"} 1", 1).labels());
        assertTrue(SeriesDescriptionParser.parse("c{t=\"x\"}@st _ -1mx2", 1).startTimestamps());
    }

    @Test
    void rejectsMalformedSeries() {
        assertThrows(ScriptException.class, () -> SeriesDescriptionParser.parse("m{a=1} 1", 1));
        assertThrows(ScriptException.class, () -> SeriesDescriptionParser.parse("m 1+2", 1));
        assertThrows(ScriptException.class, () -> SeriesDescriptionParser.parse("m {{schema:0", 1));
    }

    @Test
    void commentEndsBodyAndScalarEndsEval() {
        List<ScriptCommand> cmds = ScriptReader.read(String.join("\n",
                "load 5m",
                "  m{a=\"1\"} 1 2",
                "",
                "eval instant at 5m m",
                "  # no results",
                "",
                "eval instant at 0 1 + 1",
                "  2",
                "clear"));
        assertEquals(4, cmds.size());
        ScriptCommand.Load load = (ScriptCommand.Load) cmds.get(0);
        assertEquals(300_000, load.intervalMs());
        EvalCase first = ((ScriptCommand.Eval) cmds.get(1)).evalCase();
        assertTrue(first.series().isEmpty(), "a comment ends the eval body");
        EvalCase second = ((ScriptCommand.Eval) cmds.get(2)).evalCase();
        assertTrue(second.hasScalar());
        assertEquals(2, second.scalar());
        assertThrows(ScriptException.class, () -> ScriptReader.read(
                "eval instant at 0 m\n  # c\n  m 1\n"), "a series line after a comment is not a command");
    }

    @Test
    void readsExpectationsAndHeaders() {
        List<ScriptCommand> cmds = ScriptReader.read(String.join("\n",
                "eval range from 0 to 10m step 5m rate(m[5m])",
                "  expect warn msg: PromQL warning: x (1:1)",
                "  expect no_info",
                "  {} 1 _ 2",
                "",
                "eval_fail instant at 1m30s foo",
                "",
                "eval instant at 10s m[10s]",
                "  expect range vector from 0 to 10s step 5s",
                "  m 1 2 3",
                "",
                "eval instant at 0 \"a\"",
                "  expect string \"a\""));
        EvalCase r = ((ScriptCommand.Eval) cmds.get(0)).evalCase();
        assertTrue(r.range());
        assertEquals(600_000, r.endMs());
        assertEquals(300_000, r.stepMs());
        assertEquals("PromQL warning: x (1:1)", r.warns().get(0).exact());
        assertTrue(r.noInfo());
        assertEquals(3, r.series().get(0).slots());
        EvalCase f = ((ScriptCommand.Eval) cmds.get(1)).evalCase();
        assertNotNull(f.fail());
        assertEquals(90_000, f.startMs());
        EvalCase rv = ((ScriptCommand.Eval) cmds.get(2)).evalCase();
        assertArrayEquals(new long[] {0, 10_000, 5_000}, rv.rangeVector());
        EvalCase s = ((ScriptCommand.Eval) cmds.get(3)).evalCase();
        assertEquals("a", s.string());
        assertNull(s.fail());
        assertFalse(s.hasScalar());
    }

    @Test
    void rejectsUnknownCommands() {
        assertThrows(ScriptException.class, () -> ScriptReader.read("resume\n"));
        assertThrows(ScriptException.class, () -> ScriptReader.read("eval instant m\n"));
    }

    @ParameterizedTest
    @CsvSource({"0,0", "5m,300000", "1m30s,90000", "20s500ms,20500", "1h,3600000", "2d,172800000"})
    void parsesDurations(String text, long ms) {
        assertEquals(ms, ScriptDuration.parseMillis(text, 1));
    }

    @ParameterizedTest
    @CsvSource({"12340000,true", "0.00001234,true", "NaN,true", "-Inf,true", "0x1f,true", "{} 1,false",
        "m,false"})
    void recognisesScalarLines(String line, boolean number) {
        assertEquals(number, ScriptReader.isGoNumber(line));
    }
}
