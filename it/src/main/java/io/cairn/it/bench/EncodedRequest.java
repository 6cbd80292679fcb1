package io.cairn.it.bench;

/**
 * One pre-encoded remote-write request body (snappy-compressed protobuf) and the number of
 * samples it carries. The array is owned by the record and never modified.
 */
record EncodedRequest(byte[] body, int samples) {}
