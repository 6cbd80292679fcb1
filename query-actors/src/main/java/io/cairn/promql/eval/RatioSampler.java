package io.cairn.promql.eval;

import io.cairn.storage.model.Labels;
import java.nio.charset.StandardCharsets;

/**
 * {@code limit_ratio}'s deterministic sampling: a series is kept when its label hash, scaled
 * to [0, 1), is below the ratio (or, for a negative ratio, at or above 1 + ratio). The hash is
 * Prometheus's {@code labels.Hash()} (xxHash64 over name 0xff value 0xff ...), so the same
 * series are picked as in Prometheus.
 */
final class RatioSampler {
    private RatioSampler() {}

    static boolean keep(Labels labels, double ratio) {
        double offset = unsignedToDouble(hash(labels)) / 1.8446744073709552E19;
        return (ratio >= 0 && offset < ratio) || (ratio < 0 && offset >= 1.0 + ratio);
    }

    static long hash(Labels labels) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < labels.size(); i++) {
            byte[] n = labels.name(i).getBytes(StandardCharsets.UTF_8);
            byte[] v = labels.value(i).getBytes(StandardCharsets.UTF_8);
            b.write(n, 0, n.length);
            b.write(0xff);
            b.write(v, 0, v.length);
            b.write(0xff);
        }
        return XxHash64.hash(b.toByteArray());
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }
}
