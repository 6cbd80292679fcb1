package io.cairn.it.bench;

import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.SeriesComparison;
import io.cairn.it.harness.jsonl.ExportedSeries;
import io.cairn.it.workload.ExpectedSeries;
import io.cairn.it.workload.NodeExporterWorkload;
import java.util.List;

/**
 * Verification mode of the benchmark: exports every series of a few hosts spread over the
 * workload and compares them sample for sample with a regeneration of what was sent.
 */
final class Verifier {
    private Verifier() {}

    interface Log {
        void log(String format, Object... args);
    }

    static SeriesComparison verify(HttpApi api, NodeExporterWorkload workload, int rounds, int hostsToCheck,
                                   BenchResult result, Log log) {
        SeriesComparison cmp = new SeriesComparison();
        int n = Math.min(hostsToCheck, workload.hosts());
        long from = workload.startMs();
        long to = workload.startMs() + (long) (rounds + 1) * workload.intervalMs();
        for (int k = 0; k < n; k++) {
            int host = (int) ((long) k * workload.hosts() / n);
            List<ExportedSeries> expected = ExpectedSeries.forHost(workload, host, rounds);
            List<ExportedSeries> actual = api.export(ExpectedSeries.selector(host), from, to);
            cmp.compare(expected, actual);
        }
        log.log("verification of %d hosts: %s", n, cmp);
        result.put("verifySeries", cmp.seriesExpected()).put("verifySamples", cmp.samplesExpected())
                .put("verifyExact", cmp.samplesExact()).put("verifyMissing", cmp.samplesMissing())
                .put("verifyMissingSeries", cmp.seriesMissing()).put("verifyUnexpected", cmp.samplesUnexpected())
                .put("verifyDiffering", cmp.valuesDiffering()).put("verifyMaxRelDeviation", cmp.maxRelativeDeviation());
        if (!cmp.examples().isEmpty()) {
            result.put("verifyExamples", String.join(" | ", cmp.examples()));
        }
        return cmp;
    }
}
