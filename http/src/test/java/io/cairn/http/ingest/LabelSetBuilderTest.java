package io.cairn.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.storage.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSetBuilderTest {
    /** 3 labels, names up to 8 bytes (so __name__ fits), values up to 6 bytes. */
    private static final IngestLimits SMALL = new IngestLimits(3, 8, 6);

    private static LabelSetBuilder builder(String spec) {
        LabelSetBuilder b = new LabelSetBuilder();
        for (String kv : spec.split(";")) {
            int eq = kv.indexOf('=');
            b.add(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // name=value pairs, ';'-separated | error (empty: valid)
        "__name__=m;a=1 | ",
        "__name__=m;a=1;b=2 | ",
        "__name__=m;a=1;b=2;c=3 | too many labels: 4 > -maxLabelsPerTimeseries=3",
        "__name__=m;a=1;b=2;c= | ",
        "__name__=m;abcdefghi=1 | label name \"abcdefghi\" is too long: 9 > -maxLabelNameLen=8",
        "__name__=m;a=1234567 | value of label \"a\" is too long: 7 > -maxLabelValueLen=6",
        "__name__=m;a=üüü | ",
        "__name__=m;a=üüüü | value of label \"a\" is too long: 8 > -maxLabelValueLen=6",
        "__name__=m;a=1;a=2 | label name \"a\" appears twice",
        "a=1 | missing metric name (label __name__)",
        "__name__= ;a=1 | missing metric name (label __name__)",
        "__name__=m;=x | empty label name (value \"x\")",
    })
    void validation(String spec, String error) {
        assertEquals(error, builder(spec).validate(ExtraLabels.NONE, SMALL));
    }

    @Test
    void extraLabelsOverrideAddAndRemove() {
        LabelSetBuilder b = builder("__name__=m;job=a;drop=x");
        ExtraLabels extra = ExtraLabels.parse(List.of("job=b", "dc=eu", "drop=", "dc=us"));
        assertEquals(null, b.validate(extra, IngestLimits.DEFAULT));
        assertEquals(Labels.of("__name__", "m", "job", "b", "dc", "us"), b.build());
    }

    @Test
    void duplicatesAmongManyLabelsAreFound() {
        LabelSetBuilder b = new LabelSetBuilder();
        b.add("__name__", "m");
        for (int i = 0; i < 100; i++) {
            b.add("l" + i, "v");
        }
        b.add("l50", "again");
        assertEquals("label name \"l50\" appears twice",
                b.validate(ExtraLabels.NONE, IngestLimits.DEFAULT));
    }

    @Test
    void badExtraLabelParameters() {
        IngestException e = assertThrows(IngestException.class,
                () -> ExtraLabels.parse(List.of("novalue")));
        assertEquals("cannot parse extra_label=novalue: want extra_label=name=value",
                e.getMessage());
        assertThrows(IngestException.class, () -> ExtraLabels.parse(List.of("=x")));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IngestLimits(0, 1, 1));
    }
}
