package io.cairn.it.harness.remotewrite;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes a series' label set once as the {@code repeated Label labels = 1} fields of a
 * Prometheus remote-write {@code TimeSeries}, so that a series sent many times costs one copy of
 * these bytes per request, not a re-encoding.
 *
 * <p>Schema (prometheus/prompb, proto3):
 * <pre>
 * message WriteRequest { repeated TimeSeries timeseries = 1; }
 * message TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 * message Label        { string name = 1; string value = 2; }
 * message Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 * As every proto3 encoder does, fields holding their default value (empty string, 0) are left
 * out, so the bytes equal protobuf-java's own serialization of the same message.
 */
public final class RemoteWriteLabels {
    static final int FIELD_LABEL_NAME = 1;
    static final int FIELD_LABEL_VALUE = 2;
    static final int FIELD_SERIES_LABELS = 1;

    private RemoteWriteLabels() {}

    /**
     * Encodes labels given as alternating names and values, in the order given (Prometheus sends
     * them sorted by name; the caller decides).
     *
     * @throws IllegalArgumentException if the array has odd length
     */
    public static byte[] encode(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels must be name/value pairs, got " + namesAndValues.length + " strings");
        }
        int size = 0;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            int labelSize = labelSize(namesAndValues[i], namesAndValues[i + 1]);
            size += CodedOutputStream.computeTagSize(FIELD_SERIES_LABELS)
                    + CodedOutputStream.computeUInt32SizeNoTag(labelSize) + labelSize;
        }
        byte[] out = new byte[size];
        CodedOutputStream cos = CodedOutputStream.newInstance(out);
        try {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                String name = namesAndValues[i];
                String value = namesAndValues[i + 1];
                cos.writeTag(FIELD_SERIES_LABELS, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
                cos.writeUInt32NoTag(labelSize(name, value));
                if (!name.isEmpty()) {
                    cos.writeString(FIELD_LABEL_NAME, name);
                }
                if (!value.isEmpty()) {
                    cos.writeString(FIELD_LABEL_VALUE, value);
                }
            }
            cos.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("BUG: label size computed wrongly", e);
        }
        return out;
    }

    private static int labelSize(String name, String value) {
        return (name.isEmpty() ? 0 : CodedOutputStream.computeStringSize(FIELD_LABEL_NAME, name))
                + (value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(FIELD_LABEL_VALUE, value));
    }
}
