package io.cairn.http.ingest;

import io.cairn.storage.model.Labels;
import io.cairn.storage.rows.SeriesRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import org.xerial.snappy.Snappy;

/**
 * Decodes Prometheus remote_write 1.0 requests (snappy block-compressed {@code WriteRequest}
 * protobuf, schema in {@code http/src/main/proto/remote.proto}) into a {@link SampleSink}.
 *
 * <p>All or nothing on the wire level: the whole request is decoded into reusable columns first
 * and the sinks are called only once it is known to be well-formed, so a malformed body (bad
 * snappy, truncated varint, length past the end, wrong wire type for a known field) raises
 * {@link IngestException} with nothing delivered. Per-series problems (limits, missing metric
 * name, invalid UTF-8, absurd timestamps) only skip the series or sample and are recorded in the
 * {@link IngestReport} as {@code timeseries N: ...}, N counting from 0 in request order.
 * Exemplars and native histograms are skipped and counted; metadata goes to the
 * {@link MetadataSink}; unknown fields are skipped. Label names may be any UTF-8 (Prometheus 3
 * sends such names unquoted on this wire).
 *
 * <p>Hot path: the encoded labels of a series are looked up in a {@link SeriesRecordCache}; a
 * hit yields the series' {@link SeriesRecord} (ids, shard hint, canonical labels in one run of
 * bytes) and skips label decoding, validation, sorting and hashing. Per sample the decoder only
 * reads two fields and appends to primitive columns, allocating nothing; series are delivered
 * with their rows through {@link SampleSink#addSeriesRows}.
 *
 * <p>Not thread-safe: use one decoder per thread (they may share one {@link SeriesRecordCache}). The
 * decoder keeps its decompression buffer between requests, up to {@link #RETAINED_BUFFER_BYTES}.
 */
public final class RemoteWriteDecoder {
    /** VictoriaMetrics' {@code -maxInsertRequestSize} default: 32 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** Buffers above this size are dropped after a request rather than kept per thread. */
    public static final int RETAINED_BUFFER_BYTES = 4 * 1024 * 1024;

    // Field tags (field number << 3 | wire type) of the schema.
    private static final int WRITE_REQUEST_TIMESERIES = 1 << 3 | ProtoReader.LEN;
    private static final int WRITE_REQUEST_METADATA = 3 << 3 | ProtoReader.LEN;
    private static final int TIMESERIES_LABELS = 1 << 3 | ProtoReader.LEN;
    private static final int TIMESERIES_SAMPLES = 2 << 3 | ProtoReader.LEN;
    private static final int TIMESERIES_EXEMPLARS = 3 << 3 | ProtoReader.LEN;
    private static final int TIMESERIES_HISTOGRAMS = 4 << 3 | ProtoReader.LEN;
    private static final int LABEL_NAME = 1 << 3 | ProtoReader.LEN;
    private static final int LABEL_VALUE = 2 << 3 | ProtoReader.LEN;
    private static final int SAMPLE_VALUE = 1 << 3 | ProtoReader.FIXED64;
    private static final int SAMPLE_TIMESTAMP = 2 << 3 | ProtoReader.VARINT;
    private static final int METADATA_TYPE = 1 << 3 | ProtoReader.VARINT;
    private static final int METADATA_FAMILY = 2 << 3 | ProtoReader.LEN;
    private static final int METADATA_HELP = 4 << 3 | ProtoReader.LEN;
    private static final int METADATA_UNIT = 5 << 3 | ProtoReader.LEN;

    private static final String[] WIRE_TYPE_NAMES = {
        "varint", "fixed64", "length-delimited", "start-group", "end-group", "fixed32", "6", "7"
    };

    private final IngestLimits limits;
    private final SeriesRecordCache cache;
    private final SeriesRecordCache.Hit hit = new SeriesRecordCache.Hit();
    private final int maxBodyBytes;
    private final ProtoReader r = new ProtoReader();
    private final LabelSetBuilder builder = new LabelSetBuilder();

    private byte[] uncompressed = new byte[64 * 1024];

    // Samples of the request, delivered only after the whole request decoded.
    private long[] rowTs = new long[1024];
    private double[] rowValues = new double[1024];
    private int rows;

    // Valid series of the request: where their SeriesRecord is and their rows [first, end).
    private byte[][] seriesRecord = new byte[256][];
    private int[] seriesRecordOffset = new int[256];
    private int[] seriesFirstRow = new int[256];
    private int[] seriesEndRow = new int[256];
    private int seriesKept;
    /** SeriesRecords of this request's cache misses (and of everything without a cache). */
    private byte[] records = new byte[16 * 1024];
    private int recordsLength;
    /** Where resolveLabels put the current series' record. */
    private byte[] currentRecord;
    private int currentRecordOffset;
    private int contextId;
    private long hintTenant;
    private int hintShards;

    // Byte ranges [start, end) of the label fields of the current series.
    private int[] labelFields = new int[64];
    private byte[] keyScratch = new byte[256];
    private int keyScratchLen;
    /** Why the labels of the current series are invalid, when resolveLabels returned null. */
    private String labelError;
    /** Cache lookups of the current request, reported to the cache once at its end. */
    private long cacheHits;
    private long cacheMisses;

    private final ArrayList<String> metadataNames = new ArrayList<>();
    private final ArrayList<MetricMetadata> metadata = new ArrayList<>();

    // Per-request state, to keep the method signatures short.
    private ExtraLabels extra;
    private long nowMs;
    private IngestReport report;

    /**
     * @param cache shared cache of series labels, or null to decode every series
     * @param maxBodyBytes largest accepted uncompressed request ({@code -maxInsertRequestSize})
     */
    public RemoteWriteDecoder(IngestLimits limits, SeriesRecordCache cache, int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        this.limits = limits;
        this.cache = cache;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Decompresses a snappy block-compressed body and decodes it as {@link #decode} does.
     *
     * @throws IngestException for corrupt snappy data, a body beyond {@code maxBodyBytes}
     *     (status 413), or a malformed {@code WriteRequest}; nothing was delivered then
     */
    public void decodeSnappy(byte[] body, int off, int len, ExtraLabels extra, long nowMs,
            SampleSink sink, MetadataSink metadataSink, IngestReport report) {
        if (len > maxBodyBytes) {
            throw IngestException.tooLarge(
                    "remote_write body", len, maxBodyBytes, "-maxInsertRequestSize");
        }
        int size;
        try {
            size = Snappy.uncompressedLength(body, off, len);
        } catch (IOException | RuntimeException e) {
            throw badSnappy(e);
        }
        if (size < 0 || size > maxBodyBytes) {
            throw IngestException.tooLarge("uncompressed remote_write body", size & 0xFFFF_FFFFL,
                    maxBodyBytes, "-maxInsertRequestSize");
        }
        if (uncompressed.length < size) {
            uncompressed = new byte[Math.max(size, Math.min(maxBodyBytes, uncompressed.length * 2))];
        }
        try {
            int n = Snappy.uncompress(body, off, len, uncompressed, 0);
            if (n != size) {
                throw new IngestException("corrupt snappy data in remote_write body: "
                        + "decompressed to " + n + " bytes, header says " + size);
            }
            decode(uncompressed, 0, size, extra, nowMs, sink, metadataSink, report);
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof IngestException ie) {
                throw ie;
            }
            throw badSnappy(e);
        } finally {
            if (uncompressed.length > RETAINED_BUFFER_BYTES) {
                uncompressed = new byte[64 * 1024];
            }
        }
    }

    private static IngestException badSnappy(Exception e) {
        return new IngestException("cannot decompress remote_write body: not valid snappy "
                + "block-format data (" + e.getMessage() + "); Content-Encoding must be snappy");
    }

    /**
     * Decodes an uncompressed {@code WriteRequest} in {@code buf[off, off + len)}, which is only
     * read during the call.
     *
     * @param nowMs the time used to reject timestamps too far in the future
     * @throws IngestException when the protobuf is malformed; nothing was delivered then and the
     *     report must be discarded
     */
    public void decode(byte[] buf, int off, int len, ExtraLabels extra, long nowMs,
            SampleSink sink, MetadataSink metadataSink, IngestReport report) {
        this.extra = extra == null ? ExtraLabels.NONE : extra;
        this.nowMs = nowMs;
        this.report = report;
        rows = 0;
        seriesKept = 0;
        recordsLength = 0;
        contextId = cache == null ? -1 : cache.contextId(this.extra);
        hintTenant = sink.hintTenant();
        hintShards = sink.hintShards();
        metadataNames.clear();
        metadata.clear();
        cacheHits = 0;
        cacheMisses = 0;
        try {
            r.wrap(buf, off, len, "remote_write WriteRequest");
            int series = 0;
            while (r.more()) {
                int tag = r.readTag();
                if (tag == WRITE_REQUEST_TIMESERIES) {
                    int n = r.readLength();
                    int end = r.pos + n;
                    decodeTimeSeries(end, series++);
                    r.pos = end;
                } else if (tag == WRITE_REQUEST_METADATA) {
                    int n = r.readLength();
                    int end = r.pos + n;
                    decodeMetadata(end);
                    r.pos = end;
                } else {
                    expectKnownWireType(tag, 1, "WriteRequest.timeseries");
                    expectKnownWireType(tag, 3, "WriteRequest.metadata");
                    r.skipField(tag);
                }
            }
            deliver(sink, metadataSink);
        } finally {
            Arrays.fill(seriesRecord, 0, seriesKept, null);
            seriesKept = 0;
            currentRecord = null;
            if (records.length > RETAINED_BUFFER_BYTES) {
                records = new byte[16 * 1024];
            }
            rows = 0;
            this.report = null;
            if (cache != null) {
                cache.recordLookups(cacheHits, cacheMisses);
            }
        }
    }

    private void deliver(SampleSink sink, MetadataSink metadataSink) {
        long[] ts = rowTs;
        double[] values = rowValues;
        for (int i = 0; i < seriesKept; i++) {
            sink.addSeriesRows(seriesRecord[i], seriesRecordOffset[i], ts, values,
                    seriesFirstRow[i], seriesEndRow[i]);
        }
        report.addAccepted(rows);
        for (int i = 0; i < metadata.size(); i++) {
            metadataSink.add(metadataNames.get(i), metadata.get(i));
            report.addMetadata();
        }
    }

    private void expectKnownWireType(int tag, int field, String name) {
        if ((tag >>> 3) == field) {
            throw r.malformed(name + " (field " + field + ") has wire type "
                    + WIRE_TYPE_NAMES[tag & 7] + ", want length-delimited", r.pos);
        }
    }

    private void decodeTimeSeries(int end, int seriesIndex) {
        int outerLimit = r.limit;
        r.limit = end;
        int firstRow = rows;
        int labelFieldCount = 0;
        int samples = 0;
        int badTimestamps = 0;
        String firstBadTimestamp = null;
        int exemplars = 0;
        int histograms = 0;
        while (r.more()) {
            int tagAt = r.pos;
            int tag = r.readTag();
            if (tag == TIMESERIES_SAMPLES) {
                int n = r.readLength();
                int sampleEnd = r.pos + n;
                String bad = decodeSample(sampleEnd);
                r.pos = sampleEnd;
                r.limit = end;
                if (bad != null) {
                    if (badTimestamps++ == 0) {
                        firstBadTimestamp = "timeseries " + seriesIndex + ": sample " + samples
                                + ": " + bad;
                    }
                }
                samples++;
            } else if (tag == TIMESERIES_LABELS) {
                int n = r.readLength();
                r.pos += n;
                if (2 * labelFieldCount + 2 > labelFields.length) {
                    labelFields = Arrays.copyOf(labelFields, labelFields.length * 2);
                }
                labelFields[2 * labelFieldCount] = tagAt;
                labelFields[2 * labelFieldCount + 1] = r.pos;
                labelFieldCount++;
            } else if (tag == TIMESERIES_EXEMPLARS) {
                exemplars++;
                int n = r.readLength();
                r.pos += n;
            } else if (tag == TIMESERIES_HISTOGRAMS) {
                histograms++;
                int n = r.readLength();
                r.pos += n;
            } else {
                expectKnownWireType(tag, 1, "TimeSeries.labels");
                expectKnownWireType(tag, 2, "TimeSeries.samples");
                expectKnownWireType(tag, 3, "TimeSeries.exemplars");
                expectKnownWireType(tag, 4, "TimeSeries.histograms");
                r.skipField(tag);
            }
        }
        report.addExemplarsSkipped(exemplars);
        report.addHistogramsSkipped(histograms);
        String error;
        if (labelFieldCount == 0) {
            error = "missing metric name (no labels)";
        } else {
            error = resolveLabels(labelFieldCount) ? null : labelError;
        }
        r.limit = outerLimit;
        if (error != null) {
            rows = firstRow;
            report.addRejected(samples, "timeseries " + seriesIndex + ": " + error);
            return;
        }
        if (badTimestamps > 0) {
            report.addRejected(badTimestamps, firstBadTimestamp);
        }
        if (rows > firstRow) {
            keepSeries(firstRow);
        }
    }

    private void keepSeries(int firstRow) {
        int i = seriesKept;
        if (i == seriesRecord.length) {
            int n = 2 * i;
            seriesRecord = Arrays.copyOf(seriesRecord, n);
            seriesRecordOffset = Arrays.copyOf(seriesRecordOffset, n);
            seriesFirstRow = Arrays.copyOf(seriesFirstRow, n);
            seriesEndRow = Arrays.copyOf(seriesEndRow, n);
        }
        seriesRecord[i] = currentRecord;
        seriesRecordOffset[i] = currentRecordOffset;
        seriesFirstRow[i] = firstRow;
        seriesEndRow[i] = rows;
        seriesKept = i + 1;
    }

    /** Reads one Sample; appends it when its timestamp is sane, else returns why not. */
    private String decodeSample(int end) {
        r.limit = end;
        double value = 0;
        long ts = 0;
        while (r.more()) {
            int tag = r.readTag();
            if (tag == SAMPLE_VALUE) {
                value = Double.longBitsToDouble(r.readFixed64());
            } else if (tag == SAMPLE_TIMESTAMP) {
                ts = r.readVarint();
            } else {
                if ((tag >>> 3) == 1) {
                    throw r.malformed("Sample.value (field 1) has wire type "
                            + WIRE_TYPE_NAMES[tag & 7] + ", want fixed64", r.pos);
                }
                if ((tag >>> 3) == 2) {
                    throw r.malformed("Sample.timestamp (field 2) has wire type "
                            + WIRE_TYPE_NAMES[tag & 7] + ", want varint", r.pos);
                }
                r.skipField(tag);
            }
        }
        if (ts < 0 || ts - nowMs > IngestLimits.MAX_FUTURE_MS) {
            return IngestLimits.checkTimestamp(ts, nowMs);
        }
        int i = rows;
        if (i == rowTs.length) {
            grow();
        }
        rowTs[i] = ts;
        rowValues[i] = value;
        rows = i + 1;
        return null;
    }

    private void grow() {
        int n = rowTs.length * 2;
        rowTs = Arrays.copyOf(rowTs, n);
        rowValues = Arrays.copyOf(rowValues, n);
    }

    /**
     * Finds the {@link SeriesRecord} of the current series in the cache or decodes its labels
     * into one ({@link #currentRecord}); false with {@link #labelError} set when the labels are
     * invalid.
     */
    private boolean resolveLabels(int fieldCount) {
        byte[] key;
        int keyOff;
        int keyLen;
        int start = labelFields[0];
        int last = labelFields[2 * fieldCount - 1];
        if (contiguous(fieldCount)) {
            key = r.buf;
            keyOff = start;
            keyLen = last - start;
        } else {
            key = gatherLabelFields(fieldCount);
            keyOff = 0;
            keyLen = keyScratchLen;
        }
        long hash = 0;
        if (contextId >= 0) {
            hash = SeriesRecordCache.hash(key, keyOff, keyLen);
            if (cache.find(contextId, key, keyOff, keyLen, hash, hit)) {
                cacheHits++;
                currentRecord = hit.bytes;
                currentRecordOffset = hit.offset;
                return true;
            }
            cacheMisses++;
        }
        Labels labels = decodeLabels(fieldCount);
        if (labels == null) {
            return false;
        }
        int at = recordsLength;
        int need = at + SeriesRecord.length(labels.canonicalLength());
        if (need > records.length) {
            // The old array stays valid for the series that already point into it.
            records = Arrays.copyOf(records, Math.max(need, 2 * records.length));
        }
        recordsLength = SeriesRecord.write(records, at, labels, hintTenant, hintShards);
        currentRecord = records;
        currentRecordOffset = at;
        if (contextId >= 0) {
            cache.put(contextId, key, keyOff, keyLen, hash, records, at);
        }
        return true;
    }

    private boolean contiguous(int fieldCount) {
        for (int i = 1; i < fieldCount; i++) {
            if (labelFields[2 * i] != labelFields[2 * i - 1]) {
                return false;
            }
        }
        return true;
    }

    private byte[] gatherLabelFields(int fieldCount) {
        int len = 0;
        for (int i = 0; i < fieldCount; i++) {
            len += labelFields[2 * i + 1] - labelFields[2 * i];
        }
        if (keyScratch.length < len) {
            keyScratch = new byte[Math.max(len, keyScratch.length * 2)];
        }
        int pos = 0;
        for (int i = 0; i < fieldCount; i++) {
            int s = labelFields[2 * i];
            int n = labelFields[2 * i + 1] - s;
            System.arraycopy(r.buf, s, keyScratch, pos, n);
            pos += n;
        }
        keyScratchLen = len;
        return keyScratch;
    }

    private Labels decodeLabels(int fieldCount) {
        int savedPos = r.pos;
        int savedLimit = r.limit;
        builder.reset();
        try {
            for (int i = 0; i < fieldCount; i++) {
                r.pos = labelFields[2 * i];
                r.limit = labelFields[2 * i + 1];
                r.readTag();
                int n = r.readLength();
                r.limit = r.pos + n;
                String error = decodeLabel();
                if (error != null) {
                    labelError = error;
                    return null;
                }
            }
            String error = builder.validate(extra, limits);
            if (error != null) {
                labelError = error;
                return null;
            }
            return builder.build();
        } finally {
            r.pos = savedPos;
            r.limit = savedLimit;
            builder.reset();
        }
    }

    /** Adds one Label message to the builder; returns why it is invalid, or null. */
    private String decodeLabel() {
        int nameOff = 0;
        int nameLen = 0;
        int valueOff = 0;
        int valueLen = 0;
        while (r.more()) {
            int tag = r.readTag();
            if (tag == LABEL_NAME) {
                nameLen = r.readLength();
                nameOff = r.pos;
                r.pos += nameLen;
            } else if (tag == LABEL_VALUE) {
                valueLen = r.readLength();
                valueOff = r.pos;
                r.pos += valueLen;
            } else {
                expectKnownWireType(tag, 1, "Label.name");
                expectKnownWireType(tag, 2, "Label.value");
                r.skipField(tag);
            }
        }
        byte[] b = r.buf;
        if (!Utf8.isValid(b, nameOff, nameLen)) {
            return "label name is not valid UTF-8";
        }
        String name = new String(b, nameOff, nameLen, StandardCharsets.UTF_8);
        if (!Utf8.isValid(b, valueOff, valueLen)) {
            return "value of label " + LabelSetBuilder.quote(name) + " is not valid UTF-8";
        }
        builder.add(name, new String(b, valueOff, valueLen, StandardCharsets.UTF_8));
        return null;
    }

    private void decodeMetadata(int end) {
        int outerLimit = r.limit;
        r.limit = end;
        long type = 0;
        String family = "";
        String help = "";
        String unit = "";
        while (r.more()) {
            int tag = r.readTag();
            switch (tag) {
                case METADATA_TYPE -> type = r.readVarint();
                case METADATA_FAMILY -> family = readString();
                case METADATA_HELP -> help = readString();
                case METADATA_UNIT -> unit = readString();
                default -> {
                    int field = tag >>> 3;
                    if (field == 1 || field == 2 || field == 4 || field == 5) {
                        throw r.malformed("MetricMetadata field " + field + " has wire type "
                                + WIRE_TYPE_NAMES[tag & 7], r.pos);
                    }
                    r.skipField(tag);
                }
            }
        }
        r.limit = outerLimit;
        if (!family.isEmpty()) {
            metadataNames.add(family);
            metadata.add(new MetricMetadata(MetricType.fromProtoNumber(type), help, unit));
        }
    }

    private String readString() {
        int n = r.readLength();
        String s = new String(r.buf, r.pos, n, StandardCharsets.UTF_8);
        r.pos += n;
        return s;
    }
}
