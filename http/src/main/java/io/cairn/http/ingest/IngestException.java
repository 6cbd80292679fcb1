package io.cairn.http.ingest;

/**
 * A whole ingestion request is unusable: malformed protobuf or snappy data, a body beyond the
 * size limit, bad query parameters. Nothing of the request was passed to any sink. The message
 * names what was wrong (with byte offset or line number) and is meant for the client, in the
 * {@code error} field of the Prometheus JSON error shape; {@link #httpStatus()} is the status to
 * answer with.
 *
 * <p>Rows that are individually invalid do not raise this; they are counted in
 * {@link IngestReport}.
 */
public final class IngestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public IngestException(String message) {
        this(400, message);
    }

    public IngestException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /** 400 for malformed requests, 413 for bodies beyond the size limit. */
    public int httpStatus() {
        return httpStatus;
    }

    static IngestException tooLarge(String what, long size, long max, String flag) {
        return new IngestException(
                413, what + " is " + size + " bytes, more than " + flag + "=" + max);
    }
}
