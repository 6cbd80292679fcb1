package io.cairn.http.ingest;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.cairn.storage.model.Labels;

/**
 * The remote_write schema of {@code http/src/main/proto/remote.proto} built as a protobuf-java
 * descriptor (no protoc in the build), so tests can encode requests with protobuf-java's own
 * encoder and cross-check the hand-written decoder.
 */
final class RemoteWriteSchema {
    static final Descriptor WRITE_REQUEST;
    static final Descriptor TIME_SERIES;
    static final Descriptor LABEL;
    static final Descriptor SAMPLE;
    static final Descriptor EXEMPLAR;
    static final Descriptor METRIC_METADATA;

    static {
        String[] types = {
            "UNKNOWN", "COUNTER", "GAUGE", "HISTOGRAM", "GAUGEHISTOGRAM", "SUMMARY", "INFO",
            "STATESET"
        };
        EnumDescriptorProto.Builder metricType = EnumDescriptorProto.newBuilder()
                .setName("MetricType");
        for (int i = 0; i < types.length; i++) {
            metricType.addValue(EnumValueDescriptorProto.newBuilder().setName(types[i])
                    .setNumber(i));
        }
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("remote.proto")
                .setPackage("prometheus")
                .setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("WriteRequest")
                        .addField(repeated("timeseries", 1, ".prometheus.TimeSeries"))
                        .addField(repeated("metadata", 3, ".prometheus.MetricMetadata")))
                .addMessageType(DescriptorProto.newBuilder().setName("TimeSeries")
                        .addField(repeated("labels", 1, ".prometheus.Label"))
                        .addField(repeated("samples", 2, ".prometheus.Sample"))
                        .addField(repeated("exemplars", 3, ".prometheus.Exemplar"))
                        .addField(FieldDescriptorProto.newBuilder().setName("histograms")
                                .setNumber(4).setLabel(Label.LABEL_REPEATED)
                                .setType(Type.TYPE_BYTES)))
                .addMessageType(DescriptorProto.newBuilder().setName("Label")
                        .addField(scalar("name", 1, Type.TYPE_STRING))
                        .addField(scalar("value", 2, Type.TYPE_STRING)))
                .addMessageType(DescriptorProto.newBuilder().setName("Sample")
                        .addField(scalar("value", 1, Type.TYPE_DOUBLE))
                        .addField(scalar("timestamp", 2, Type.TYPE_INT64)))
                .addMessageType(DescriptorProto.newBuilder().setName("Exemplar")
                        .addField(repeated("labels", 1, ".prometheus.Label"))
                        .addField(scalar("value", 2, Type.TYPE_DOUBLE))
                        .addField(scalar("timestamp", 3, Type.TYPE_INT64)))
                .addMessageType(DescriptorProto.newBuilder().setName("MetricMetadata")
                        .addEnumType(metricType)
                        .addField(FieldDescriptorProto.newBuilder().setName("type").setNumber(1)
                                .setLabel(Label.LABEL_OPTIONAL).setType(Type.TYPE_ENUM)
                                .setTypeName(".prometheus.MetricMetadata.MetricType"))
                        .addField(scalar("metric_family_name", 2, Type.TYPE_STRING))
                        .addField(scalar("help", 4, Type.TYPE_STRING))
                        .addField(scalar("unit", 5, Type.TYPE_STRING)))
                .build();
        try {
            FileDescriptor fd = FileDescriptor.buildFrom(file, new FileDescriptor[0]);
            WRITE_REQUEST = fd.findMessageTypeByName("WriteRequest");
            TIME_SERIES = fd.findMessageTypeByName("TimeSeries");
            LABEL = fd.findMessageTypeByName("Label");
            SAMPLE = fd.findMessageTypeByName("Sample");
            EXEMPLAR = fd.findMessageTypeByName("Exemplar");
            METRIC_METADATA = fd.findMessageTypeByName("MetricMetadata");
        } catch (DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RemoteWriteSchema() {}

    private static FieldDescriptorProto repeated(String name, int number, String type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setLabel(Label.LABEL_REPEATED).setType(Type.TYPE_MESSAGE).setTypeName(type)
                .build();
    }

    private static FieldDescriptorProto scalar(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setLabel(Label.LABEL_OPTIONAL).setType(type).build();
    }

    static DynamicMessage label(String name, String value) {
        return DynamicMessage.newBuilder(LABEL)
                .setField(LABEL.findFieldByName("name"), name)
                .setField(LABEL.findFieldByName("value"), value)
                .build();
    }

    static DynamicMessage sample(long ts, double value) {
        return DynamicMessage.newBuilder(SAMPLE)
                .setField(SAMPLE.findFieldByName("timestamp"), ts)
                .setField(SAMPLE.findFieldByName("value"), value)
                .build();
    }

    /** A TimeSeries with the labels in the given order (not necessarily sorted). */
    static DynamicMessage.Builder series(String... namesAndValues) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(TIME_SERIES);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.addRepeatedField(TIME_SERIES.findFieldByName("labels"),
                    label(namesAndValues[i], namesAndValues[i + 1]));
        }
        return b;
    }

    static DynamicMessage.Builder series(Labels labels) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(TIME_SERIES);
        for (int i = 0; i < labels.size(); i++) {
            b.addRepeatedField(TIME_SERIES.findFieldByName("labels"),
                    label(labels.name(i), labels.value(i)));
        }
        return b;
    }

    static DynamicMessage.Builder addSample(DynamicMessage.Builder series, long ts, double v) {
        return series.addRepeatedField(TIME_SERIES.findFieldByName("samples"), sample(ts, v));
    }

    static DynamicMessage.Builder request() {
        return DynamicMessage.newBuilder(WRITE_REQUEST);
    }

    static DynamicMessage.Builder addSeries(DynamicMessage.Builder request,
            DynamicMessage.Builder series) {
        return request.addRepeatedField(WRITE_REQUEST.findFieldByName("timeseries"),
                series.build());
    }

    static DynamicMessage metadata(int type, String family, String help, String unit) {
        return DynamicMessage.newBuilder(METRIC_METADATA)
                .setField(METRIC_METADATA.findFieldByName("type"),
                        METRIC_METADATA.getEnumTypes().get(0).findValueByNumber(type))
                .setField(METRIC_METADATA.findFieldByName("metric_family_name"), family)
                .setField(METRIC_METADATA.findFieldByName("help"), help)
                .setField(METRIC_METADATA.findFieldByName("unit"), unit)
                .build();
    }
}
