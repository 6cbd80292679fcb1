package io.cairn.shard.manifest;

import io.cairn.shard.manifest.ManifestEvent.BootstrapProgressed;
import io.cairn.shard.manifest.ManifestEvent.LifecycleChanged;
import io.cairn.shard.manifest.ManifestEvent.PartAdded;
import io.cairn.shard.manifest.ManifestEvent.PartsDropped;
import io.cairn.shard.manifest.ManifestEvent.PartsMerged;
import io.cairn.shard.manifest.ManifestEvent.WalCheckpointed;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fixed and random manifest values shared by the manifest tests. */
final class ManifestSamples {

    private ManifestSamples() {
    }

    static PartRef part(String name, int day) {
        long dayStart = day * 86_400_000L;
        return new PartRef(name, day, dayStart + 1_000, dayStart + 3_600_000, 12_345, 67_890);
    }

    /** One fixed value per manifest string; the golden files hold exactly these. */
    static List<Object> goldenValues() {
        return List.of(
                new PartAdded(new PartRef("p-19800-000001", 19_800, 1_710_720_000_000L, 1_710_806_399_999L,
                        1_000_000L, 734_003L)),
                new PartsMerged(List.of("p-19800-000001", "p-19800-000002", "p-19800-äöü"),
                        new PartRef("p-19800-000003", 19_800, 1_710_720_000_000L, 1_710_806_399_999L,
                                2_500_000L, 1_500_000L)),
                new PartsDropped(List.of("p-19001-000007", "p-19001-000008"), "retention 30d"),
                new WalCheckpointed(0x0102_0304_0506_0708L),
                new LifecycleChanged(ReplicaLifecycle.AVAILABLE),
                new BootstrapProgressed(1L << 33, 1L << 40),
                ReplicaManifest.EMPTY
                        .apply(new PartAdded(part("b", 19_801)))
                        .apply(new PartAdded(part("a", 19_801)))
                        .apply(new PartAdded(part("z", 19_700)))
                        .apply(new WalCheckpointed(4096))
                        .apply(new BootstrapProgressed(10, 100)));
    }

    static String randomName(Random rnd) {
        int len = 1 + rnd.nextInt(40);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int kind = rnd.nextInt(10);
            char c = kind < 7 ? (char) ('a' + rnd.nextInt(26))
                    : kind < 9 ? (char) ('0' + rnd.nextInt(10))
                    : (char) (0x00C0 + rnd.nextInt(0x0100)); // non-ASCII, multi-byte UTF-8
            sb.append(c);
        }
        return sb.toString();
    }

    static PartRef randomPart(Random rnd, String name) {
        long min = rnd.nextLong() >> 2;
        long max = min + (rnd.nextLong() >>> 3);
        return new PartRef(name, rnd.nextInt(), min, max, rnd.nextLong() >>> 1, rnd.nextLong() >>> 1);
    }

    static List<String> randomNames(Random rnd, int n) {
        List<String> names = new ArrayList<>(n);
        while (names.size() < n) {
            String s = randomName(rnd) + names.size();
            names.add(s);
        }
        return names;
    }

    /** A random event of any kind with random field values (not necessarily applicable). */
    static ManifestEvent randomEvent(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return new PartAdded(randomPart(rnd, randomName(rnd)));
            case 1: {
                List<String> in = randomNames(rnd, 1 + rnd.nextInt(8));
                return new PartsMerged(in, randomPart(rnd, "out-" + randomName(rnd)));
            }
            case 2:
                return new PartsDropped(randomNames(rnd, 1 + rnd.nextInt(8)), randomName(rnd));
            case 3:
                return new WalCheckpointed(rnd.nextLong() >>> 1);
            case 4:
                return new LifecycleChanged(ReplicaLifecycle.values()[rnd.nextInt(3)]);
            default: {
                long total = rnd.nextLong() >>> 1;
                return new BootstrapProgressed(total == 0 ? 0 : (rnd.nextLong() >>> 1) % (total + 1), total);
            }
        }
    }

    /** A random valid manifest reached by applying valid events. */
    static ReplicaManifest randomManifest(Random rnd) {
        ReplicaManifest m = ReplicaManifest.EMPTY;
        int parts = rnd.nextInt(50);
        for (int i = 0; i < parts; i++) {
            m = m.apply(new PartAdded(new PartRef(randomName(rnd) + "-" + i, 19_000 + rnd.nextInt(5),
                    0, rnd.nextInt(1_000_000), rnd.nextInt(1000), rnd.nextInt(1 << 20))));
        }
        m = m.apply(new WalCheckpointed(rnd.nextLong() >>> 1));
        if (rnd.nextBoolean()) {
            m = m.apply(new BootstrapProgressed(5, 10));
        }
        if (rnd.nextBoolean()) {
            m = m.apply(new LifecycleChanged(ReplicaLifecycle.AVAILABLE));
        }
        return m;
    }
}
