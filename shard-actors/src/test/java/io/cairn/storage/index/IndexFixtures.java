package io.cairn.storage.index;

import io.cairn.storage.model.LabelMatcher;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Shared helpers for the index tests. */
final class IndexFixtures {
    static final long DAY = 86_400_000L;
    /** 2024-01-10T00:00Z, day 19732. */
    static final long T0 = 19732 * DAY;
    static final int DAY0 = 19732;
    static final Tenant T1 = new Tenant(1, 0);
    static final Tenant T2 = new Tenant(2, 7);

    private IndexFixtures() {}

    static LabelMatcher eq(String n, String v) {
        return LabelMatcher.of(LabelMatcher.Type.EQ, n, v);
    }

    static LabelMatcher neq(String n, String v) {
        return LabelMatcher.of(LabelMatcher.Type.NEQ, n, v);
    }

    static LabelMatcher re(String n, String v) {
        return LabelMatcher.of(LabelMatcher.Type.RE, n, v);
    }

    static LabelMatcher nre(String n, String v) {
        return LabelMatcher.of(LabelMatcher.Type.NRE, n, v);
    }

    /**
     * A node_exporter-like series: about 10 labels, of which a few per-host and a few
     * per-metric. {@code host} in [0, hosts), {@code metric} picks name and label shape.
     */
    static Labels nodeSeries(int host, int metric, int variant) {
        String[] modes = {"idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"};
        Labels.Builder b = new Labels.Builder()
                .set("__name__", "node_metric_" + metric + "_total")
                .set("instance", "host-" + host + ".example.com:9100")
                .set("job", "node")
                .set("cluster", "cluster-" + (host % 4))
                .set("datacenter", "dc-" + (host % 3))
                .set("env", host % 10 == 0 ? "staging" : "prod")
                .set("team", "team-" + (host % 7));
        switch (metric % 4) {
            case 0 -> b.set("cpu", Integer.toString(variant % 64))
                    .set("mode", modes[(variant / 64) % modes.length]);
            case 1 -> b.set("device", "sd" + (char) ('a' + variant % 26))
                    .set("fstype", variant % 2 == 0 ? "ext4" : "xfs");
            case 2 -> b.set("interface", "eth" + variant).set("direction", "rx");
            default -> b.set("quantile", "0." + variant).set("handler", "/api/v" + (variant % 3));
        }
        b.set("variant", Integer.toString(variant));
        return b.build();
    }

    /** Brute-force oracle: ids of the series that match every matcher. */
    static List<Long> oracle(Map<Long, Labels> all, List<LabelMatcher> matchers) {
        List<Long> out = new ArrayList<>();
        for (Map.Entry<Long, Labels> e : new TreeMap<>(all).entrySet()) {
            boolean ok = true;
            for (LabelMatcher m : matchers) {
                ok &= m.matches(e.getValue());
            }
            if (ok) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    static List<Long> boxed(long[] ids) {
        List<Long> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            out.add(id);
        }
        return out;
    }
}
