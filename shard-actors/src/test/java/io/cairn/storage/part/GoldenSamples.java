package io.cairn.storage.part;

import io.cairn.storage.model.StaleMarker;

/**
 * The fixed content of the golden part file (src/test/resources/golden/part/v1-small.part):
 * five series chosen so the file holds every block variant - CONST, DECIMAL (deltas and
 * delta-of-deltas, with exceptions), XOR, raw and zstd bodies, and one series split across
 * two blocks.
 */
final class GoldenSamples {
    static final long START = 1_700_000_000_000L;
    static final long[] SERIES_IDS = {-7_000_000_000_000_000_000L, -5, 17, 1_234_567_890_123L, Long.MAX_VALUE};

    private GoldenSamples() {}

    static int count(int series) {
        switch (series) {
            case 0: return 3; // constant 1.0
            case 1: return 9000; // decimal counter in two blocks
            case 2: return 40; // gauge with a stale marker and -0.0 (decimal with exceptions)
            case 3: return 64; // random bits (XOR)
            default: return 1; // single sample, NaN payload
        }
    }

    static long timestamp(int series, int i) {
        long jitter = series == 2 && i % 7 == 3 ? 3 : 0;
        return START + 15_000L * i + jitter;
    }

    static double value(int series, int i) {
        switch (series) {
            case 0: return 1.0;
            case 1: return 1000 + i * 0.25 + (i % 3) * 0.01;
            case 2:
                if (i == 10) {
                    return StaleMarker.VALUE;
                }
                if (i == 20) {
                    return -0.0;
                }
                return (i * 37 % 11) / 10.0;
            case 3: return Double.longBitsToDouble(0x3ff0000000000000L ^ (i * 0x9E3779B97F4A7C15L >>> 12));
            default: return Double.longBitsToDouble(0x7ff800000000cafeL);
        }
    }
}
