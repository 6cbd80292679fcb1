package io.cairn.storage.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.storage.model.StaleMarker;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeduplicatorTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, interval, input ts, input values, expected ts, expected values
                Arguments.of("disabled", 0L, new long[] {1, 2, 3}, new double[] {1, 2, 3},
                        new long[] {1, 2, 3}, new double[] {1, 2, 3}),
                Arguments.of("empty", 10L, new long[] {}, new double[] {}, new long[] {}, new double[] {}),
                Arguments.of("single", 10L, new long[] {5}, new double[] {1}, new long[] {5}, new double[] {1}),
                Arguments.of("one per interval already", 10L, new long[] {5, 15, 25}, new double[] {1, 2, 3},
                        new long[] {5, 15, 25}, new double[] {1, 2, 3}),
                Arguments.of("latest in interval wins", 10L, new long[] {1, 4, 9, 11, 12}, new double[] {1, 2, 3, 4, 5},
                        new long[] {9, 12}, new double[] {3, 5}),
                // Intervals are (0,10], (10,20]: 10 closes the first one, 11 opens the next.
                Arguments.of("boundary belongs to the interval it ends", 10L, new long[] {1, 10, 11, 20, 21},
                        new double[] {1, 2, 3, 4, 5}, new long[] {10, 20, 21}, new double[] {2, 4, 5}),
                Arguments.of("zero and negative timestamps", 10L, new long[] {-15, -11, -10, -1, 0, 1},
                        new double[] {1, 2, 3, 4, 5, 6}, new long[] {-10, 0, 1}, new double[] {3, 5, 6}),
                Arguments.of("same biggest timestamp: biggest value", 10L, new long[] {3, 7, 7, 7},
                        new double[] {9, 1, 5, 2}, new long[] {7}, new double[] {5}),
                Arguments.of("stale marker beats numbers on a tie", 10L, new long[] {7, 7},
                        new double[] {1, StaleMarker.VALUE}, new long[] {7}, new double[] {StaleMarker.VALUE}),
                Arguments.of("HA pair 15s scrapes, 1ms apart", 15_000L,
                        new long[] {15_001, 15_002, 30_001, 30_002, 45_001, 45_003},
                        new double[] {1, 1.5, 2, 2.5, 3, 3.5},
                        new long[] {15_002, 30_002, 45_003}, new double[] {1.5, 2.5, 3.5}),
                Arguments.of("extreme timestamps", 1000L, new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE},
                        new double[] {1, 2, 3}, new long[] {Long.MIN_VALUE + 1, Long.MAX_VALUE}, new double[] {2, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dedup(String name, long interval, long[] ts, double[] v, long[] expectedTs, double[] expectedV) {
        long[] t = Arrays.copyOf(ts, ts.length + 2); // extra capacity must be ignored
        double[] x = Arrays.copyOf(v, v.length + 2);
        int n = Deduplicator.dedup(t, x, ts.length, interval);
        assertEquals(expectedTs.length, n, name);
        assertArrayEquals(expectedTs, Arrays.copyOf(t, n), name);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(expectedV[i]), Double.doubleToRawLongBits(x[i]), name + " value " + i);
        }
    }

    @ParameterizedTest(name = "bucket({0}, {1}) = {2}")
    @MethodSource("buckets")
    void bucketIsFloorOfTMinusOneOverInterval(long t, long interval, long expected) {
        assertEquals(expected, Deduplicator.bucket(t, interval));
    }

    static Stream<Arguments> buckets() {
        return Stream.of(Arguments.of(1L, 10L, 0L), Arguments.of(10L, 10L, 0L), Arguments.of(11L, 10L, 1L),
                Arguments.of(0L, 10L, -1L), Arguments.of(-9L, 10L, -1L), Arguments.of(-10L, 10L, -2L),
                Arguments.of(Long.MIN_VALUE, 2L, Long.MIN_VALUE / 2 - 1), Arguments.of(Long.MAX_VALUE, 1L, Long.MAX_VALUE - 1));
    }

    @org.junit.jupiter.api.Test
    void rejectsCountBeyondArrays() {
        assertThrows(IllegalArgumentException.class, () -> Deduplicator.dedup(new long[2], new double[2], 3, 10));
    }
}
