package io.cairn.http.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of one ingestion request: samples accepted and rejected, the first
 * {@link #MAX_ERRORS} error messages (each naming the line or timeseries), and what was skipped
 * on purpose. Rejected rows were not passed to the sink; accepted ones were.
 *
 * <p>The HTTP route answers 400 with {@link #errorSummary()} whenever {@link #rejected()} is
 * non-zero, after storing the accepted samples; the counters feed {@code /metrics}.
 *
 * <p>Not thread-safe: one report per request, filled by the parser's thread.
 */
public final class IngestReport {
    public static final int MAX_ERRORS = 10;

    private long accepted;
    private long rejected;
    private long exemplarsSkipped;
    private long histogramsSkipped;
    private long stringFieldsSkipped;
    private long metadataAccepted;
    private long errorCount;
    private final List<String> errors = new ArrayList<>(4);

    /** Samples passed to the sink. */
    public long accepted() {
        return accepted;
    }

    /** Samples dropped because their row was invalid. */
    public long rejected() {
        return rejected;
    }

    /** remote_write exemplars, which Cairn does not store. */
    public long exemplarsSkipped() {
        return exemplarsSkipped;
    }

    /** remote_write native histograms, which Cairn does not store yet. */
    public long histogramsSkipped() {
        return histogramsSkipped;
    }

    /** InfluxDB string fields that are no number: they carry no sample. */
    public long stringFieldsSkipped() {
        return stringFieldsSkipped;
    }

    /** Metric family metadata entries passed to the metadata sink. */
    public long metadataAccepted() {
        return metadataAccepted;
    }

    /** The first {@link #MAX_ERRORS} error messages, in request order. */
    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    public boolean hasRejections() {
        return rejected > 0;
    }

    /**
     * One message for the client: how many samples were rejected and the first errors, e.g.
     * {@code "rejected 2 of 7 samples: line 3: ...; line 5: ..."}.
     */
    public String errorSummary() {
        StringBuilder sb = new StringBuilder();
        sb.append("rejected ").append(rejected).append(" of ").append(accepted + rejected)
                .append(" samples");
        String sep = ": ";
        for (String e : errors) {
            sb.append(sep).append(e);
            sep = "; ";
        }
        if (errorCount > errors.size()) {
            sb.append("; and ").append(errorCount - errors.size()).append(" more errors");
        }
        return sb.toString();
    }

    void addAccepted(long n) {
        accepted += n;
    }

    /** Records {@code samples} rejected samples and, while there is room, the message. */
    void addRejected(long samples, String message) {
        rejected += samples;
        addError(message);
    }

    void addError(String message) {
        errorCount++;
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        }
    }

    /** Whether another error message would still be kept (so callers can skip building it). */
    boolean wantsErrors() {
        return errors.size() < MAX_ERRORS;
    }

    void addExemplarsSkipped(long n) {
        exemplarsSkipped += n;
    }

    void addHistogramsSkipped(long n) {
        histogramsSkipped += n;
    }

    void addStringFieldSkipped() {
        stringFieldsSkipped++;
    }

    void addMetadata() {
        metadataAccepted++;
    }

    @Override
    public String toString() {
        return "IngestReport{accepted=" + accepted + ", rejected=" + rejected + ", errors="
                + errors + "}";
    }
}
