package io.cairn.it.harness.remotewrite;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;

/**
 * The remote-write schema (prometheus/prompb types, proto3) built as a protobuf-java descriptor
 * at run time, so tests parse and serialize requests with protobuf-java's own DynamicMessage: an
 * implementation independent of the encoder under test.
 */
final class PrometheusRemoteProto {
    static final Descriptor WRITE_REQUEST;
    static final Descriptor TIME_SERIES;
    static final Descriptor LABEL;
    static final Descriptor SAMPLE;

    static {
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("remote_write_test.proto").setPackage("prometheus").setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Sample")
                        .addField(field("value", 1, FieldDescriptorProto.Type.TYPE_DOUBLE, false, null))
                        .addField(field("timestamp", 2, FieldDescriptorProto.Type.TYPE_INT64, false, null)))
                .addMessageType(DescriptorProto.newBuilder().setName("Label")
                        .addField(field("name", 1, FieldDescriptorProto.Type.TYPE_STRING, false, null))
                        .addField(field("value", 2, FieldDescriptorProto.Type.TYPE_STRING, false, null)))
                .addMessageType(DescriptorProto.newBuilder().setName("TimeSeries")
                        .addField(field("labels", 1, FieldDescriptorProto.Type.TYPE_MESSAGE, true, ".prometheus.Label"))
                        .addField(field("samples", 2, FieldDescriptorProto.Type.TYPE_MESSAGE, true, ".prometheus.Sample")))
                .addMessageType(DescriptorProto.newBuilder().setName("WriteRequest")
                        .addField(field("timeseries", 1, FieldDescriptorProto.Type.TYPE_MESSAGE, true, ".prometheus.TimeSeries")))
                .build();
        try {
            Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
            WRITE_REQUEST = fd.findMessageTypeByName("WriteRequest");
            TIME_SERIES = fd.findMessageTypeByName("TimeSeries");
            LABEL = fd.findMessageTypeByName("Label");
            SAMPLE = fd.findMessageTypeByName("Sample");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private PrometheusRemoteProto() {}

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, boolean repeated,
                                              String typeName) {
        FieldDescriptorProto.Builder b = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL);
        if (typeName != null) {
            b.setTypeName(typeName);
        }
        return b.build();
    }
}
