package io.cairn.it.harness.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExportParserTest {
    private record Case(String line, Map<String, String> labels, long[] ts, double[] values) {}

    @Test
    void parsesTheLineShapesServersWrite() throws IOException {
        List<Case> cases = List.of(
                new Case("{\"metric\":{\"__name__\":\"up\",\"job\":\"node\"},\"values\":[1,0.5],\"timestamps\":[1000,2000]}",
                        Map.of("__name__", "up", "job", "node"), new long[] {1000, 2000}, new double[] {1, 0.5}),
                // VictoriaMetrics writes non-finite values as bare tokens.
                new Case("{\"metric\":{\"__name__\":\"t\"},\"values\":[+Inf,-Inf,NaN,Inf],\"timestamps\":[1,2,3,4]}",
                        Map.of("__name__", "t"), new long[] {1, 2, 3, 4},
                        new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY}),
                // ... or quoted; label values that look like those tokens stay text.
                new Case("{\"metric\":{\"a\":\"NaN\",\"b\":\"x\\\" +Inf,\"},\"values\":[\"NaN\",\"-Inf\",\"1.25\"],\"timestamps\":[1,2,3]}",
                        Map.of("a", "NaN", "b", "x\" +Inf,"), new long[] {1, 2, 3}, new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 1.25}),
                // Large integers as VictoriaMetrics prints them, exponents, field order, unknown fields.
                new Case("{\"timestamps\":[5],\"extra\":{\"x\":[1]},\"values\":[1000000000000000000000],\"metric\":{}}",
                        Map.of(), new long[] {5}, new double[] {1e21}),
                new Case("{\"metric\":{\"m\":\"1\"},\"values\":[1.5e-7, -2E+3],\"timestamps\":[-5, 9223372036854775807]}",
                        Map.of("m", "1"), new long[] {-5, Long.MAX_VALUE}, new double[] {1.5e-7, -2000}),
                new Case("{\"metric\":{\"m\":\"€😀\"},\"values\":[],\"timestamps\":[]}",
                        Map.of("m", "€😀"), new long[0], new double[0]));
        for (Case c : cases) {
            byte[] bytes = c.line().getBytes(StandardCharsets.UTF_8);
            ExportedSeries s = ExportParser.parseLine(bytes, bytes.length);
            assertEquals(c.labels(), s.labels(), c.line());
            assertArrayEquals(c.ts(), s.timestamps(), c.line());
            assertArrayEquals(c.values(), s.values(), c.line());
        }
    }

    @Test
    void streamsManyLinesAndSkipsBlankOnes() throws IOException {
        String text = "{\"metric\":{\"a\":\"1\"},\"values\":[1],\"timestamps\":[1]}\n\n"
                + "{\"metric\":{\"a\":\"2\"},\"values\":[2],\"timestamps\":[2]}\r\n"
                + "{\"metric\":{\"a\":\"3\"},\"values\":[3],\"timestamps\":[3]}";
        List<ExportedSeries> all = ExportParser.parseAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, all.size());
        assertEquals("3", all.get(2).labels().get("a"));
        assertArrayEquals(new double[] {3}, all.get(2).values());
    }

    @Test
    void malformedLinesNameTheirNumber() {
        String[] bad = {
            "{\"metric\":{\"a\":\"1\"},\"values\":[1,2],\"timestamps\":[1]}",
            "{\"metric\":{\"a\":\"1\"},\"values\":[1]}",
            "{\"metric\":{\"a\":1},\"values\":[1],\"timestamps\":[1]}",
            "{\"metric\":{},\"values\":[Infinity],\"timestamps\":[1]}",
            "{\"metric\":{},\"values\":[1],\"timestamps\":[1.5]}",
            "[1]",
            "{\"metric\":{},\"values\":[1],\"timestamps\":[1]} {}",
        };
        for (String line : bad) {
            String text = "{\"metric\":{},\"values\":[],\"timestamps\":[]}\n" + line + "\n";
            IOException e = assertThrows(IOException.class,
                    () -> ExportParser.parseAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), line);
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        }
    }

    @Test
    void importWriterOutputParsesBackBitForBit() throws IOException {
        Random random = new Random(7);
        for (int iteration = 0; iteration < 100; iteration++) {
            List<ExportedSeries> series = new ArrayList<>();
            for (int s = 0; s < 1 + random.nextInt(5); s++) {
                int n = random.nextInt(20);
                long[] ts = new long[n];
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    ts[i] = random.nextLong();
                    values[i] = switch (random.nextInt(4)) {
                        case 0 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
                        case 1 -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -0.0}[random.nextInt(4)];
                        default -> Math.round(random.nextGaussian() * 1e8) / 1000.0;
                    };
                }
                series.add(ExportedSeries.of(ts, values, "__name__", "m" + s, "q", "\"NaN\", Inf\n\\" + random.nextInt()));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImportWriter.write(series, out);
            InputStream in = new ByteArrayInputStream(out.toByteArray());
            assertEquals(series, ExportParser.parseAll(in), "iteration " + iteration);
        }
    }
}
