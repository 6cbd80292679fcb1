package io.cairn.storage.api;

/** More series match a selection than the caller allowed (-search.maxSeries). */
public final class SeriesLimitExceededException extends RuntimeException {
    public SeriesLimitExceededException(int limit) {
        super("the query selects more than " + limit + " series; narrow it down with more "
                + "specific label matchers or raise -search.maxSeries");
    }
}
