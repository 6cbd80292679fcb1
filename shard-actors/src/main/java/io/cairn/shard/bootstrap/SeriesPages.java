package io.cairn.shard.bootstrap;

import io.cairn.storage.engine.PartsSnapshot;
import io.cairn.storage.engine.ShardStore;
import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Series registrations of a copied part, in pages: the source reads the ids of a part's series
 * and their tenant and labels from its index; the target registers them in its own index as
 * active on the part's day before it serves the part, so a query finds the copied samples.
 * Labels travel as {@link Labels#canonicalBytes()}.
 */
final class SeriesPages {
    private static final Logger log = LoggerFactory.getLogger(SeriesPages.class);

    private SeriesPages() {}

    /**
     * Source side (any thread): series {@code [from, from + max)} of the part. Series the index
     * no longer knows (deleted) are left out; their samples are unreachable on the source too.
     */
    static CopySource.SeriesPage read(PartsSnapshot snapshot, String fileName, int from,
            int max) {
        int count = snapshot.seriesCount(fileName);
        if (from < 0 || from > count) {
            throw new IllegalArgumentException("series page from " + from + " outside part "
                    + fileName + " with " + count + " series");
        }
        int to = (int) Math.min(count, (long) from + max);
        long[] ids = new long[to - from];
        long[] tenants = new long[to - from];
        int[] ends = new int[to - from];
        ByteArrayOutputStream labels = new ByteArrayOutputStream(64 * (to - from));
        int n = 0;
        for (int i = from; i < to; i++) {
            long id = snapshot.seriesIdAt(fileName, i);
            Labels l = snapshot.labels(id);
            Tenant t = snapshot.tenantOf(id);
            if (l == null || t == null) {
                continue;
            }
            ids[n] = id;
            tenants[n] = t.packed();
            labels.writeBytes(l.canonicalBytes());
            ends[n] = labels.size();
            n++;
        }
        return new CopySource.SeriesPage(fileName, from, to == count ? -1 : to,
                Arrays.copyOf(ids, n), Arrays.copyOf(tenants, n), Arrays.copyOf(ends, n),
                labels.toByteArray());
    }

    /** Target side, owner thread: registers every series of the page as active on the day. */
    static OwnerRequest.SeriesRegistered register(CopySource.SeriesPage page, int day,
            ShardStore store) {
        long[] ids = page.seriesIds();
        if (page.tenants().length != ids.length || page.labelEnds().length != ids.length) {
            return new OwnerRequest.SeriesRegistered(0, 0, "malformed series page of part "
                    + page.fileName() + ": " + ids.length + " ids, " + page.tenants().length
                    + " tenants, " + page.labelEnds().length + " label ends");
        }
        byte[] bytes = page.labelBytes();
        int different = 0;
        int start = 0;
        try {
            for (int i = 0; i < ids.length; i++) {
                int end = page.labelEnds()[i];
                Labels labels = Labels.fromCanonicalBytes(bytes, start, end - start);
                Tenant tenant = Tenant.unpack(page.tenants()[i]);
                long here = store.registerImportedSeries(tenant, labels, day);
                if (here != ids[i]) {
                    different++;
                    log.error("copied part {}: series {} of tenant {} has id {} on the source "
                            + "but {} here (a hash collision resolved in another order); its "
                            + "copied samples are attributed to id {}", page.fileName(), labels,
                            tenant, Long.toHexString(ids[i]), Long.toHexString(here),
                            Long.toHexString(ids[i]));
                }
                start = end;
            }
        } catch (RuntimeException e) {
            return new OwnerRequest.SeriesRegistered(0, different, "bad series page of part "
                    + page.fileName() + " at series " + page.fromSeries() + ": " + e);
        }
        return new OwnerRequest.SeriesRegistered(ids.length, different, null);
    }
}
