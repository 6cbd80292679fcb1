package io.cairn.http.ingest;

import static io.cairn.http.ingest.RemoteWriteSchema.addSample;
import static io.cairn.http.ingest.RemoteWriteSchema.addSeries;
import static io.cairn.http.ingest.RemoteWriteSchema.request;
import static io.cairn.http.ingest.RemoteWriteSchema.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DynamicMessage;
import io.cairn.http.ingest.CollectingSink.Row;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.StaleMarker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xerial.snappy.Snappy;

class RemoteWriteDecoderTest {
    private static final long NOW = 1_700_000_000_000L;

    private final SeriesRecordCache cache = new SeriesRecordCache(1 << 20);
    private final RemoteWriteDecoder decoder =
            new RemoteWriteDecoder(IngestLimits.DEFAULT, cache, 1 << 20);

    private List<Row> decode(byte[] uncompressed, IngestReport report) {
        CollectingSink sink = new CollectingSink();
        byte[] body = compress(uncompressed);
        decoder.decodeSnappy(body, 0, body.length, ExtraLabels.NONE, NOW, sink,
                MetadataSink.NONE, report);
        return sink.rows;
    }

    private static byte[] compress(byte[] b) {
        try {
            return Snappy.compress(b);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void decodesWhatProtobufJavaEncodes_randomised() {
        Random rnd = new Random(42);
        for (int round = 0; round < 50; round++) {
            DynamicMessage.Builder req = request();
            List<Row> expected = new ArrayList<>();
            int seriesCount = 1 + rnd.nextInt(20);
            for (int s = 0; s < seriesCount; s++) {
                Labels labels = randomLabels(rnd);
                DynamicMessage.Builder ts = series(labels);
                int samples = rnd.nextInt(5);
                for (int i = 0; i < samples; i++) {
                    long t = NOW - rnd.nextInt(1_000_000_000);
                    double v = randomValue(rnd);
                    addSample(ts, t, v);
                    expected.add(Row.of(labels, t, v));
                }
                addSeries(req, ts);
            }
            IngestReport report = new IngestReport();
            List<Row> got = decode(req.build().toByteArray(), report);
            assertEquals(expected, got, "round " + round);
            assertEquals(expected.size(), report.accepted());
            assertEquals(0, report.rejected(), report::errorSummary);
        }
    }

    @Test
    void secondDecodeOfSameSeriesHitsTheCacheAndYieldsTheSameRecord() {
        DynamicMessage.Builder req = request();
        addSeries(req, addSample(series("__name__", "up", "job", "node"), NOW, 1));
        byte[] body = req.build().toByteArray();
        List<Row> first = decode(body, new IngestReport());
        long hits = cache.hits();
        List<Row> second = decode(body, new IngestReport());
        assertEquals(hits + 1, cache.hits());
        assertEquals(first, second);

        // Hits hand out the cached record itself: same array and offset every time.
        List<Object> records = new ArrayList<>();
        SampleSink recording = new SampleSink() {
            @Override
            public void add(Labels labels, long timestampMs, double value) {
                throw new AssertionError("remote write delivers whole series");
            }

            @Override
            public void addSeriesRows(byte[] record, int offset, long[] ts, double[] values,
                    int from, int to) {
                records.add(record);
                records.add(offset);
                assertEquals(Labels.of("__name__", "up", "job", "node"),
                        io.cairn.storage.rows.SeriesRecord.labels(record, offset));
                assertEquals(1, to - from);
            }
        };
        for (int i = 0; i < 2; i++) {
            decoder.decode(body, 0, body.length, ExtraLabels.NONE, NOW, recording,
                    MetadataSink.NONE, new IngestReport());
        }
        assertSame(records.get(0), records.get(2));
        assertEquals(records.get(1), records.get(3));
    }

    @Test
    void recordsCarryTheSinksIdAndShardHint() {
        DynamicMessage.Builder req = request();
        addSeries(req, addSample(series("__name__", "up", "job", "node"), NOW, 1));
        byte[] body = req.build().toByteArray();
        long tenant = new io.cairn.storage.model.Tenant(7, 3).packed();
        long[] seen = new long[3];
        SampleSink hinted = new SampleSink() {
            @Override
            public void add(Labels labels, long timestampMs, double value) {
                throw new AssertionError("remote write delivers whole series");
            }

            @Override
            public void addSeriesRows(byte[] record, int offset, long[] ts, double[] values,
                    int from, int to) {
                assertTrue(io.cairn.storage.rows.SeriesRecord.hintMatches(record, offset,
                        tenant, 32));
                seen[0] = io.cairn.storage.rows.SeriesRecord.hintSeriesId(record, offset);
                seen[1] = io.cairn.storage.rows.SeriesRecord.hintShard(record, offset);
            }

            @Override
            public long hintTenant() {
                return tenant;
            }

            @Override
            public int hintShards() {
                return 32;
            }
        };
        RemoteWriteDecoder fresh = new RemoteWriteDecoder(IngestLimits.DEFAULT,
                new SeriesRecordCache(1 << 20), 1 << 20);
        fresh.decode(body, 0, body.length, ExtraLabels.NONE, NOW, hinted, MetadataSink.NONE,
                new IngestReport());
        long id = io.cairn.storage.hash.SeriesIds.of(new io.cairn.storage.model.Tenant(7, 3),
                Labels.of("__name__", "up", "job", "node"));
        assertEquals(id, seen[0]);
        assertEquals(io.cairn.storage.hash.JumpHash.shard(id, 32), seen[1]);
    }

    @Test
    void extraLabelsAreAppliedAndKeyTheCache() {
        DynamicMessage.Builder req = request();
        addSeries(req, addSample(series("__name__", "up", "job", "node"), NOW, 1));
        byte[] body = compress(req.build().toByteArray());
        CollectingSink plain = new CollectingSink();
        decoder.decodeSnappy(body, 0, body.length, ExtraLabels.NONE, NOW, plain,
                MetadataSink.NONE, new IngestReport());
        CollectingSink extra = new CollectingSink();
        decoder.decodeSnappy(body, 0, body.length,
                ExtraLabels.parse(List.of("job=override", "dc=eu")), NOW, extra,
                MetadataSink.NONE, new IngestReport());
        assertEquals(Labels.of("__name__", "up", "job", "node"), plain.rows.get(0).labels());
        assertEquals(Labels.of("__name__", "up", "job", "override", "dc", "eu"),
                extra.rows.get(0).labels());
    }

    @Test
    void unsortedAndInterleavedLabelsAreHandled() throws IOException {
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(ts);
        out.writeMessage(1, RemoteWriteSchema.label("job", "x"));
        out.writeMessage(2, RemoteWriteSchema.sample(NOW, 2.5));
        out.writeMessage(1, RemoteWriteSchema.label("__name__", "m"));
        out.flush();
        List<Row> rows = decode(wrapTimeSeries(ts.toByteArray()), new IngestReport());
        assertEquals(List.of(Row.of(Labels.of("__name__", "m", "job", "x"), NOW, 2.5)), rows);
        // Again, now from the cache (the key is gathered from the two label fields).
        assertEquals(rows, decode(wrapTimeSeries(ts.toByteArray()), new IngestReport()));
    }

    @Test
    void unknownFieldsOfEveryWireTypeAreSkippedAtEveryLevel() throws IOException {
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        CodedOutputStream lo = CodedOutputStream.newInstance(label);
        lo.writeString(1, "__name__");
        writeUnknowns(lo, 9);
        lo.writeString(2, "m");
        lo.flush();
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        CodedOutputStream so = CodedOutputStream.newInstance(sample);
        writeUnknowns(so, 9);
        so.writeDouble(1, -3.25);
        so.writeInt64(2, NOW);
        so.flush();
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        CodedOutputStream to = CodedOutputStream.newInstance(ts);
        to.writeByteArray(1, label.toByteArray());
        writeUnknowns(to, 9);
        to.writeByteArray(2, sample.toByteArray());
        to.flush();
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        CodedOutputStream ro = CodedOutputStream.newInstance(req);
        writeUnknowns(ro, 10);
        ro.writeByteArray(1, ts.toByteArray());
        writeUnknowns(ro, 9);
        ro.flush();
        assertEquals(List.of(Row.of(Labels.of("__name__", "m"), NOW, -3.25)),
                decode(req.toByteArray(), new IngestReport()));
    }

    private static void writeUnknowns(CodedOutputStream out, int field) throws IOException {
        out.writeInt64(field, -1);
        out.writeFixed64(field + 1, 7);
        out.writeFixed32(field + 2, 7);
        out.writeString(field + 3, "skip me");
        out.writeTag(field + 4, 3); // group with a nested group inside
        out.writeInt32(1, 5);
        out.writeTag(2, 3);
        out.writeTag(2, 4);
        out.writeTag(field + 4, 4);
    }

    @Test
    void semanticallyInvalidSeriesAreSkippedAndReported() {
        DynamicMessage.Builder req = request();
        addSeries(req, addSample(series("__name__", "ok", "a", "1"), NOW, 1));
        String[] many = new String[2 * 45];
        for (int i = 0; i < 45; i++) {
            many[2 * i] = i == 0 ? "__name__" : "l" + i;
            many[2 * i + 1] = "v";
        }
        addSeries(req, addSample(addSample(series(many), NOW, 1), NOW, 2));
        addSeries(req, addSample(series("__name__", "d", "a", "1", "a", "2"), NOW, 1));
        addSeries(req, addSample(series("job", "x"), NOW, 1));
        addSeries(req, addSample(addSample(series("__name__", "t"), -5, 1), NOW, 3));
        addSeries(req, addSample(series("__name__", "f"), NOW + IngestLimits.MAX_FUTURE_MS + 1,
                1));
        addSeries(req, addSample(series("__name__", "x".repeat(5000)), NOW, 1));
        IngestReport report = new IngestReport();
        List<Row> rows = decode(req.build().toByteArray(), report);
        assertEquals(List.of(
                        Row.of(Labels.of("__name__", "ok", "a", "1"), NOW, 1),
                        Row.of(Labels.of("__name__", "t"), NOW, 3)),
                rows);
        assertEquals(2, report.accepted());
        assertEquals(7, report.rejected());
        assertEquals(List.of(
                        "timeseries 1: too many labels: 45 > -maxLabelsPerTimeseries=40",
                        "timeseries 2: label name \"a\" appears twice",
                        "timeseries 3: missing metric name (label __name__)",
                        "timeseries 4: sample 0: timestamp -5 is negative (before 1970-01-01)",
                        "timeseries 5: sample 0: timestamp " + (NOW + IngestLimits.MAX_FUTURE_MS + 1)
                                + " is more than 2 days after now (" + NOW
                                + "); timestamps are in milliseconds",
                        "timeseries 6: value of label \"__name__\" is too long: 5000 > "
                                + "-maxLabelValueLen=4096"),
                report.errors());
    }

    @Test
    void invalidUtf8IsASeriesError() throws IOException {
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        CodedOutputStream lo = CodedOutputStream.newInstance(label);
        lo.writeString(1, "__name__");
        lo.writeByteArray(2, new byte[] {'a', (byte) 0xC0, (byte) 0x80});
        lo.flush();
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        CodedOutputStream to = CodedOutputStream.newInstance(ts);
        to.writeByteArray(1, label.toByteArray());
        to.writeMessage(2, RemoteWriteSchema.sample(NOW, 1));
        to.flush();
        IngestReport report = new IngestReport();
        assertEquals(List.of(), decode(wrapTimeSeries(ts.toByteArray()), report));
        assertEquals(List.of("timeseries 0: value of label \"__name__\" is not valid UTF-8"),
                report.errors());
    }

    @Test
    void exemplarsAndHistogramsAreCountedMetadataIsDelivered() {
        DynamicMessage.Builder ts = addSample(series("__name__", "m"), NOW, 1);
        ts.addRepeatedField(RemoteWriteSchema.TIME_SERIES.findFieldByName("exemplars"),
                DynamicMessage.newBuilder(RemoteWriteSchema.EXEMPLAR)
                        .setField(RemoteWriteSchema.EXEMPLAR.findFieldByName("value"), 1.0)
                        .build());
        ts.addRepeatedField(RemoteWriteSchema.TIME_SERIES.findFieldByName("histograms"),
                ByteString.copyFromUtf8("opaque"));
        DynamicMessage.Builder req = addSeries(request(), ts);
        req.addRepeatedField(RemoteWriteSchema.WRITE_REQUEST.findFieldByName("metadata"),
                RemoteWriteSchema.metadata(1, "http_requests_total", "Requests.", "requests"));
        IngestReport report = new IngestReport();
        Map<String, MetricMetadata> meta = new HashMap<>();
        CollectingSink sink = new CollectingSink();
        byte[] body = compress(req.build().toByteArray());
        decoder.decodeSnappy(body, 0, body.length, ExtraLabels.NONE, NOW, sink, meta::put,
                report);
        assertEquals(1, sink.rows.size());
        assertEquals(1, report.exemplarsSkipped());
        assertEquals(1, report.histogramsSkipped());
        assertEquals(1, report.metadataAccepted());
        assertEquals(Map.of("http_requests_total",
                new MetricMetadata(MetricType.COUNTER, "Requests.", "requests")), meta);
    }

    @Test
    void specialValuesKeepTheirBits() {
        DynamicMessage.Builder ts = series("__name__", "m");
        double[] values = {StaleMarker.VALUE, Double.NaN, Double.POSITIVE_INFINITY, -0.0,
            Double.MIN_VALUE};
        for (int i = 0; i < values.length; i++) {
            addSample(ts, NOW + i, values[i]);
        }
        List<Row> rows = decode(addSeries(request(), ts).build().toByteArray(),
                new IngestReport());
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), rows.get(i).valueBits());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // hex body | message
        "0a80 | malformed remote_write WriteRequest: truncated varint at byte offset 1",
        "0a0500 | malformed remote_write WriteRequest: length 5 runs past the end of the "
                + "enclosing message (1 bytes left) at byte offset 1",
        "0801 | malformed remote_write WriteRequest: WriteRequest.timeseries (field 1) has wire "
                + "type varint, want length-delimited at byte offset 1",
        "2f | malformed remote_write WriteRequest: invalid wire type 7 for field 5 at byte "
                + "offset 1",
        "00 | malformed remote_write WriteRequest: invalid field tag 0 at byte offset 0",
        "0a020801 | malformed remote_write WriteRequest: TimeSeries.labels (field 1) has wire "
                + "type varint, want length-delimited at byte offset 3",
        "0a04120209ff | malformed remote_write WriteRequest: truncated fixed64 at byte offset 5",
        "0a0412020d01 | malformed remote_write WriteRequest: Sample.value (field 1) has wire type "
                + "fixed32, want fixed64 at byte offset 5",
        "2b | malformed remote_write WriteRequest: group of field 5 is not closed at byte offset 1",
        "2c | malformed remote_write WriteRequest: unexpected end-group tag for field 5 at byte "
                + "offset 1",
        "0affffffffffffffffffff01 | malformed remote_write WriteRequest: varint longer than 10 "
                + "bytes at byte offset 1",
    })
    void malformedBodiesRejectTheWholeRequest(String hex, String message) {
        byte[] body = hex(hex.trim());
        IngestException e = assertThrows(IngestException.class,
                () -> decode(body, new IngestReport()));
        assertEquals(message.trim(), e.getMessage());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void nothingIsDeliveredWhenTheBodyIsMalformedAfterGoodSeries() {
        DynamicMessage.Builder req = request();
        addSeries(req, addSample(series("__name__", "ok"), NOW, 1));
        byte[] good = req.build().toByteArray();
        byte[] bad = new byte[good.length + 2];
        System.arraycopy(good, 0, bad, 0, good.length);
        bad[good.length] = 0x0a;
        bad[good.length + 1] = 0x7f;
        CollectingSink sink = new CollectingSink();
        byte[] body = compress(bad);
        assertThrows(IngestException.class, () -> decoder.decodeSnappy(body, 0, body.length,
                ExtraLabels.NONE, NOW, sink, MetadataSink.NONE, new IngestReport()));
        assertEquals(List.of(), sink.rows);
    }

    @Test
    void badSnappyAndOversizedBodiesAreRejected() throws IOException {
        byte[] garbage = {0x10, (byte) 0xff, (byte) 0xfe, 1, 2, 3};
        IngestException bad = assertThrows(IngestException.class, () -> decoder.decodeSnappy(
                garbage, 0, garbage.length, ExtraLabels.NONE, NOW, new CollectingSink(),
                MetadataSink.NONE, new IngestReport()));
        assertEquals(400, bad.httpStatus());
        assertTrue(bad.getMessage().startsWith("cannot decompress remote_write body"),
                bad.getMessage());

        byte[] truncated = Snappy.compress(new byte[1000]);
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 3);
        IngestException cutEx = assertThrows(IngestException.class, () -> decoder.decodeSnappy(
                cut, 0, cut.length, ExtraLabels.NONE, NOW, new CollectingSink(),
                MetadataSink.NONE, new IngestReport()));
        assertTrue(cutEx.getMessage().startsWith("cannot decompress remote_write body"),
                cutEx.getMessage());

        RemoteWriteDecoder small = new RemoteWriteDecoder(IngestLimits.DEFAULT, null, 100);
        byte[] big = Snappy.compress(new byte[101]);
        IngestException tooLarge = assertThrows(IngestException.class, () -> small.decodeSnappy(
                big, 0, big.length, ExtraLabels.NONE, NOW, new CollectingSink(),
                MetadataSink.NONE, new IngestReport()));
        assertEquals(413, tooLarge.httpStatus());
        assertEquals("uncompressed remote_write body is 101 bytes, more than "
                + "-maxInsertRequestSize=100", tooLarge.getMessage());
    }

    @Test
    void decoderWithoutCacheGivesTheSameResult() {
        RemoteWriteDecoder noCache = new RemoteWriteDecoder(IngestLimits.DEFAULT, null, 1 << 20);
        Random rnd = new Random(7);
        DynamicMessage.Builder req = request();
        for (int s = 0; s < 30; s++) {
            addSeries(req, addSample(series(randomLabels(rnd)), NOW, s));
        }
        byte[] raw = req.build().toByteArray();
        CollectingSink a = new CollectingSink();
        noCache.decode(raw, 0, raw.length, ExtraLabels.NONE, NOW, a, MetadataSink.NONE,
                new IngestReport());
        assertEquals(a.rows, decode(raw, new IngestReport()));
        assertEquals(a.rows, decode(raw, new IngestReport()));
    }

    static byte[] wrapTimeSeries(byte[] ts) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        CodedOutputStream ro = CodedOutputStream.newInstance(req);
        ro.writeByteArray(1, ts);
        ro.flush();
        return req.toByteArray();
    }

    static Labels randomLabels(Random rnd) {
        TreeMap<String, String> m = new TreeMap<>();
        m.put("__name__", "metric_" + rnd.nextInt(50));
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            m.put("l" + rnd.nextInt(20), rnd.nextInt(4) == 0 ? "välue-☃-" + rnd.nextInt(9)
                    : "v" + rnd.nextInt(1000));
        }
        return Labels.fromMap(m);
    }

    static double randomValue(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> rnd.nextInt(1000);
            case 1 -> Double.longBitsToDouble(rnd.nextLong());
            case 2 -> StaleMarker.VALUE;
            default -> rnd.nextGaussian() * 1e6;
        };
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
