package io.cairn.it.harness.remotewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class WriteRequestBuilderTest {
    private static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

    /** One series as the test generates it. */
    private record Series(String[] labels, long[] ts, double[] values) {}

    @Test
    void singleSampleMatchesProtobufJavaByteForByte() throws Exception {
        Series s = new Series(new String[] {"__name__", "up", "instance", "a:9100", "job", "node"},
                new long[] {1_700_000_000_123L}, new double[] {1.0});
        WriteRequestBuilder b = new WriteRequestBuilder(16);
        b.addSample(RemoteWriteLabels.encode(s.labels()), s.ts()[0], s.values()[0]);
        assertArrayEquals(reference(List.of(s)).toByteArray(), b.toProtobuf());
        assertEquals(1, b.seriesCount());
        assertEquals(1, b.sampleCount());
    }

    @Test
    void specialValuesKeepTheirBitsAndDefaultsAreOmitted() throws Exception {
        double[] values = {0.0, -0.0, STALE_NAN, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MAX_VALUE, 12345.67};
        long[] ts = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 1_700_000_000_000L, 2, 3, 4};
        Series s = new Series(new String[] {"__name__", "m", "empty", ""}, ts, values);
        WriteRequestBuilder b = new WriteRequestBuilder();
        b.addSeries(RemoteWriteLabels.encode(s.labels()), ts, values, values.length);
        byte[] ours = b.toProtobuf();
        assertArrayEquals(reference(List.of(s)).toByteArray(), ours);
        List<Series> parsed = parse(ours);
        assertEquals(1, parsed.size());
        assertArrayEquals(ts, parsed.get(0).ts());
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(parsed.get(0).values()[i]),
                    "bits of value " + i);
        }
    }

    @Test
    void randomRequestsRoundTripThroughProtobufJavaAndSnappy() throws Exception {
        Random random = new Random(42);
        for (int iteration = 0; iteration < 200; iteration++) {
            List<Series> series = randomSeries(random);
            // A tiny initial buffer forces the growth path many times.
            WriteRequestBuilder b = new WriteRequestBuilder(random.nextInt(200));
            for (Series s : series) {
                byte[] labels = RemoteWriteLabels.encode(s.labels());
                if (s.ts().length == 1 && random.nextBoolean()) {
                    b.addSample(labels, s.ts()[0], s.values()[0]);
                } else {
                    b.addSeries(labels, s.ts(), s.values(), s.ts().length);
                }
            }
            byte[] ours = b.toProtobuf();
            assertArrayEquals(reference(series).toByteArray(), ours, "iteration " + iteration);
            assertArrayEquals(ours, Snappy.uncompress(b.toSnappy()), "snappy round trip, iteration " + iteration);
            List<Series> parsed = parse(ours);
            assertEquals(series.size(), parsed.size());
            for (int i = 0; i < series.size(); i++) {
                assertArrayEquals(series.get(i).labels(), parsed.get(i).labels());
                assertArrayEquals(series.get(i).ts(), parsed.get(i).ts());
            }
        }
    }

    @Test
    void resetStartsAnEmptyRequestAndKeepsWorking() throws Exception {
        WriteRequestBuilder b = new WriteRequestBuilder(8);
        byte[] labels = RemoteWriteLabels.encode("__name__", "x");
        for (int i = 0; i < 100; i++) {
            b.addSample(labels, 1000 + i, i);
        }
        b.reset();
        assertEquals(0, b.protobufSize());
        b.addSample(labels, 5, 6.5);
        Series expected = new Series(new String[] {"__name__", "x"}, new long[] {5}, new double[] {6.5});
        assertArrayEquals(reference(List.of(expected)).toByteArray(), b.toProtobuf());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> RemoteWriteLabels.encode("__name__"));
        WriteRequestBuilder b = new WriteRequestBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.addSeries(new byte[0], new long[1], new double[1], 2));
    }

    private static List<Series> randomSeries(Random random) {
        String alphabet = "abcXYZ_09:/é€😀\"\\ ";
        List<Series> out = new ArrayList<>();
        int n = random.nextInt(20);
        for (int i = 0; i < n; i++) {
            int labelCount = random.nextInt(6);
            String[] labels = new String[labelCount * 2];
            for (int l = 0; l < labels.length; l++) {
                StringBuilder sb = new StringBuilder();
                int len = random.nextInt(l % 2 == 0 ? 12 : 300);
                for (int c = 0; c < len; c++) {
                    sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                labels[l] = sb.toString();
            }
            int samples = 1 + random.nextInt(4);
            long[] ts = new long[samples];
            double[] values = new double[samples];
            for (int s = 0; s < samples; s++) {
                ts[s] = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextLong();
                    default -> 1_700_000_000_000L + random.nextInt(1_000_000);
                };
                values[s] = switch (random.nextInt(5)) {
                    case 0 -> 0.0;
                    case 1 -> STALE_NAN;
                    case 2 -> Double.longBitsToDouble(random.nextLong());
                    default -> Math.round(random.nextDouble() * 1e6) / 100.0;
                };
            }
            out.add(new Series(labels, ts, values));
        }
        return out;
    }

    /** The same request built and serialized by protobuf-java. */
    private static DynamicMessage reference(List<Series> series) {
        DynamicMessage.Builder req = DynamicMessage.newBuilder(PrometheusRemoteProto.WRITE_REQUEST);
        var tsField = PrometheusRemoteProto.WRITE_REQUEST.findFieldByName("timeseries");
        for (Series s : series) {
            DynamicMessage.Builder ts = DynamicMessage.newBuilder(PrometheusRemoteProto.TIME_SERIES);
            for (int i = 0; i < s.labels().length; i += 2) {
                DynamicMessage.Builder label = DynamicMessage.newBuilder(PrometheusRemoteProto.LABEL);
                label.setField(PrometheusRemoteProto.LABEL.findFieldByName("name"), s.labels()[i]);
                label.setField(PrometheusRemoteProto.LABEL.findFieldByName("value"), s.labels()[i + 1]);
                ts.addRepeatedField(PrometheusRemoteProto.TIME_SERIES.findFieldByName("labels"), label.build());
            }
            for (int i = 0; i < s.ts().length; i++) {
                DynamicMessage.Builder sample = DynamicMessage.newBuilder(PrometheusRemoteProto.SAMPLE);
                sample.setField(PrometheusRemoteProto.SAMPLE.findFieldByName("value"), s.values()[i]);
                sample.setField(PrometheusRemoteProto.SAMPLE.findFieldByName("timestamp"), s.ts()[i]);
                ts.addRepeatedField(PrometheusRemoteProto.TIME_SERIES.findFieldByName("samples"), sample.build());
            }
            req.addRepeatedField(tsField, ts.build());
        }
        return req.build();
    }

    private static List<Series> parse(byte[] bytes) throws InvalidProtocolBufferException, IOException {
        DynamicMessage req = DynamicMessage.parseFrom(PrometheusRemoteProto.WRITE_REQUEST, bytes);
        List<Series> out = new ArrayList<>();
        for (Object o : (List<?>) req.getField(PrometheusRemoteProto.WRITE_REQUEST.findFieldByName("timeseries"))) {
            DynamicMessage ts = (DynamicMessage) o;
            List<?> labels = (List<?>) ts.getField(PrometheusRemoteProto.TIME_SERIES.findFieldByName("labels"));
            String[] names = new String[labels.size() * 2];
            for (int i = 0; i < labels.size(); i++) {
                DynamicMessage l = (DynamicMessage) labels.get(i);
                names[2 * i] = (String) l.getField(PrometheusRemoteProto.LABEL.findFieldByName("name"));
                names[2 * i + 1] = (String) l.getField(PrometheusRemoteProto.LABEL.findFieldByName("value"));
            }
            List<?> samples = (List<?>) ts.getField(PrometheusRemoteProto.TIME_SERIES.findFieldByName("samples"));
            long[] t = new long[samples.size()];
            double[] v = new double[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                DynamicMessage s = (DynamicMessage) samples.get(i);
                t[i] = (Long) s.getField(PrometheusRemoteProto.SAMPLE.findFieldByName("timestamp"));
                v[i] = (Double) s.getField(PrometheusRemoteProto.SAMPLE.findFieldByName("value"));
            }
            out.add(new Series(names, t, v));
        }
        return out;
    }
}
