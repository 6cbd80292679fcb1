package io.cairn.promql.ast;

/**
 * The {@code @} modifier of a selector or subquery: a fixed time ({@code @ 1609746000}, held in
 * epoch milliseconds) or the start or end of the query ({@code @ start()}, {@code @ end()}).
 */
public record AtModifier(Kind kind, long timestampMs) {
    public enum Kind {
        TIMESTAMP, START, END
    }

    public static final AtModifier START = new AtModifier(Kind.START, 0);
    public static final AtModifier END = new AtModifier(Kind.END, 0);

    public AtModifier {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null");
        }
        if (kind != Kind.TIMESTAMP && timestampMs != 0) {
            throw new IllegalArgumentException("@ " + kind + " carries no timestamp");
        }
    }

    public static AtModifier at(long timestampMs) {
        return new AtModifier(Kind.TIMESTAMP, timestampMs);
    }

    /** The time this modifier pins evaluation to, for a query running from start to end. */
    public long resolve(long queryStartMs, long queryEndMs) {
        return switch (kind) {
            case TIMESTAMP -> timestampMs;
            case START -> queryStartMs;
            case END -> queryEndMs;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TIMESTAMP -> "@ " + ExprPrinter.formatSeconds(timestampMs);
            case START -> "@ start()";
            case END -> "@ end()";
        };
    }
}
