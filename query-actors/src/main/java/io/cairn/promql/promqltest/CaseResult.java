package io.cairn.promql.promqltest;

/**
 * The verdict on one eval statement.
 *
 * @param id {@code file:line} of the eval header
 * @param message why it failed or was skipped; empty when it passed
 */
public record CaseResult(String id, String expr, Status status, String message) {
    public enum Status { PASSED, FAILED, SKIPPED }
}
