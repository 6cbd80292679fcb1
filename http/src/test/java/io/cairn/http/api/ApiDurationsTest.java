package io.cairn.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiDurationsTest {

    @ParameterizedTest
    @CsvSource({
        "15, 15000",
        "0.5, 500",
        "1e3, 1000000",
        ".25, 250",
        "5., 5000",
        "+2, 2000",
        "-1, -1000",
        "0, 0",
        "0.0005, 0",
        "1.005, 1004",
        "15s, 15000",
        "1m, 60000",
        "1h30m, 5400000",
        "500ms, 500",
        "1s500ms, 1500",
        "2d, 172800000",
        "1w, 604800000",
        "1y, 31536000000",
        "1y2w3d4h5m6s7ms, 33019506007",
    })
    void parses(String text, long ms) {
        assertEquals(ms, ApiDurations.millis("step", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "5d5d", "1m1h", "1.5m", "5 s", "-5m", "0x10", "5f", "NaN",
        "Inf", "1e", "ms", "300y0ms5"})
    void rejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiDurations.millis("step", text));
        assertEquals("invalid parameter \"step\": cannot parse \"" + text
                + "\" to a valid duration", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e10", "-1e10", "9223372037"})
    void rejectsSecondsThatOverflowNanoseconds(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiDurations.millis("timeout", text));
        assertEquals("invalid parameter \"timeout\": cannot parse \"" + text
                + "\" to a valid duration. It overflows int64", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"293y", "106752d"})
    void rejectsUnitDurationsBeyondTheNanosecondRange(String text) {
        assertThrows(IllegalArgumentException.class, () -> ApiDurations.millis("step", text));
    }
}
