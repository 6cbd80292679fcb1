package io.cairn.it.bench;

import io.cairn.it.harness.remotewrite.RemoteWriteLabels;
import io.cairn.it.harness.remotewrite.WriteRequestBuilder;
import io.cairn.it.workload.NodeExporterWorkload;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a whole workload run into remote-write request bodies before any is sent, so that the
 * driver spends its CPU during the measured phase on HTTP only.
 *
 * <p>Requests follow Prometheus' shape: each TimeSeries carries the one sample of its scrape,
 * rounds follow each other in time order and a request holds {@code samplesPerRequest} samples
 * (the last one fewer), like max_samples_per_send. A request may span the end of one round and
 * the start of the next.
 */
final class RequestGenerator {
    private RequestGenerator() {}

    static List<EncodedRequest> generate(NodeExporterWorkload workload, int rounds, int samplesPerRequest) {
        int series = workload.seriesCount();
        byte[][] labels = new byte[series][];
        for (int i = 0; i < series; i++) {
            labels[i] = RemoteWriteLabels.encode(workload.labels(i));
        }
        List<EncodedRequest> out = new ArrayList<>();
        WriteRequestBuilder builder = new WriteRequestBuilder(samplesPerRequest * 160);
        NodeExporterWorkload.Scraper scraper = workload.scraper();
        for (int round = 0; round < rounds; round++) {
            scraper.scrape(round, (seriesIndex, ts, value) -> {
                builder.addSample(labels[seriesIndex], ts, value);
                if (builder.sampleCount() == samplesPerRequest) {
                    out.add(new EncodedRequest(builder.toSnappy(), builder.sampleCount()));
                    builder.reset();
                }
            });
        }
        if (builder.sampleCount() > 0) {
            out.add(new EncodedRequest(builder.toSnappy(), builder.sampleCount()));
        }
        return out;
    }
}
