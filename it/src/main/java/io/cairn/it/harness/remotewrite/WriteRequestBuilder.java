package io.cairn.it.harness.remotewrite;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.xerial.snappy.Snappy;

/**
 * Builds a Prometheus remote-write request body (protobuf {@code WriteRequest}, snappy block
 * compressed as the protocol requires) from series whose labels were encoded once with
 * {@link RemoteWriteLabels}.
 *
 * <p>Appending a series writes straight into one growing byte array: no objects per sample.
 * Sample values keep their exact bits (a staleness NaN stays 0x7ff0000000000002); zero values and
 * zero timestamps are omitted, as proto3 requires. Reusable: {@link #reset()} keeps the buffer.
 * Not thread safe.
 */
public final class WriteRequestBuilder {
    private static final int FIELD_TIMESERIES = 1;
    private static final int FIELD_SAMPLES = 2;
    private static final int FIELD_SAMPLE_VALUE = 1;
    private static final int FIELD_SAMPLE_TIMESTAMP = 2;

    private byte[] buffer;
    private CodedOutputStream out;
    /** Bytes of {@link #buffer} written before {@link #out} was created over the rest. */
    private int outBase;
    private int seriesCount;
    private int sampleCount;

    public WriteRequestBuilder() {
        this(64 * 1024);
    }

    public WriteRequestBuilder(int initialCapacity) {
        buffer = new byte[Math.max(64, initialCapacity)];
        out = CodedOutputStream.newInstance(buffer);
    }

    /** Appends a TimeSeries with one sample. */
    public WriteRequestBuilder addSample(byte[] encodedLabels, long timestampMs, double value) {
        int sampleSize = sampleSize(timestampMs, value);
        int seriesSize = encodedLabels.length + 1 + CodedOutputStream.computeUInt32SizeNoTag(sampleSize) + sampleSize;
        ensureSpace(1 + CodedOutputStream.computeUInt32SizeNoTag(seriesSize) + seriesSize);
        try {
            out.writeTag(FIELD_TIMESERIES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(seriesSize);
            out.writeRawBytes(encodedLabels);
            writeSample(timestampMs, value, sampleSize);
        } catch (IOException e) {
            throw new UncheckedIOException("BUG: buffer space computed wrongly", e);
        }
        seriesCount++;
        sampleCount++;
        return this;
    }

    /** Appends a TimeSeries with {@code count} samples taken from the given arrays. */
    public WriteRequestBuilder addSeries(byte[] encodedLabels, long[] timestampsMs, double[] values, int count) {
        if (count > timestampsMs.length || count > values.length) {
            throw new IllegalArgumentException("count " + count + " exceeds the arrays (" + timestampsMs.length
                    + " timestamps, " + values.length + " values)");
        }
        int seriesSize = encodedLabels.length;
        for (int i = 0; i < count; i++) {
            int s = sampleSize(timestampsMs[i], values[i]);
            seriesSize += 1 + CodedOutputStream.computeUInt32SizeNoTag(s) + s;
        }
        ensureSpace(1 + CodedOutputStream.computeUInt32SizeNoTag(seriesSize) + seriesSize);
        try {
            out.writeTag(FIELD_TIMESERIES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(seriesSize);
            out.writeRawBytes(encodedLabels);
            for (int i = 0; i < count; i++) {
                writeSample(timestampsMs[i], values[i], sampleSize(timestampsMs[i], values[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BUG: buffer space computed wrongly", e);
        }
        seriesCount++;
        sampleCount += count;
        return this;
    }

    /** TimeSeries entries appended since the last reset. */
    public int seriesCount() {
        return seriesCount;
    }

    /** Samples appended since the last reset. */
    public int sampleCount() {
        return sampleCount;
    }

    /** Size of the uncompressed protobuf so far. */
    public int protobufSize() {
        return outBase + out.getTotalBytesWritten();
    }

    /** A copy of the uncompressed protobuf WriteRequest. */
    public byte[] toProtobuf() {
        return Arrays.copyOf(buffer, protobufSize());
    }

    /** The request body: the protobuf compressed with snappy's block format. */
    public byte[] toSnappy() {
        int size = protobufSize();
        byte[] compressed = new byte[Snappy.maxCompressedLength(size)];
        try {
            int n = Snappy.compress(buffer, 0, size, compressed, 0);
            return Arrays.copyOf(compressed, n);
        } catch (IOException e) {
            throw new UncheckedIOException("snappy compression failed", e);
        }
    }

    /** Forgets the content, keeps the buffer. */
    public void reset() {
        outBase = 0;
        out = CodedOutputStream.newInstance(buffer);
        seriesCount = 0;
        sampleCount = 0;
    }

    private void writeSample(long timestampMs, double value, int sampleSize) throws IOException {
        out.writeTag(FIELD_SAMPLES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(sampleSize);
        long bits = Double.doubleToRawLongBits(value);
        if (bits != 0) {
            out.writeFixed64(FIELD_SAMPLE_VALUE, bits);
        }
        if (timestampMs != 0) {
            out.writeInt64(FIELD_SAMPLE_TIMESTAMP, timestampMs);
        }
    }

    private static int sampleSize(long timestampMs, double value) {
        return (Double.doubleToRawLongBits(value) != 0 ? 1 + 8 : 0)
                + (timestampMs != 0 ? CodedOutputStream.computeInt64Size(FIELD_SAMPLE_TIMESTAMP, timestampMs) : 0);
    }

    private void ensureSpace(int bytes) {
        if (out.spaceLeft() >= bytes) {
            return;
        }
        int used = protobufSize();
        long wanted = Math.max((long) buffer.length * 2, (long) used + bytes);
        if (wanted > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("write request would exceed 2 GiB");
        }
        buffer = Arrays.copyOf(buffer, (int) wanted);
        outBase = used;
        out = CodedOutputStream.newInstance(buffer, used, buffer.length - used);
    }
}
