package io.cairn.http.api;

import io.cairn.promql.ast.Expr;
import io.cairn.promql.ast.VectorSelector;
import io.cairn.promql.parser.ParseException;
import io.cairn.promql.parser.PromQLParser;
import io.cairn.storage.model.LabelMatcher;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of the Prometheus HTTP API: times (RFC 3339 or Unix seconds with decimals),
 * series selectors ({@code match[]}) and limits, with errors that name the parameter.
 */
public final class ApiParams {
    /** Time bounds meaning "no bound", as Prometheus uses for absent start/end. */
    public static final long MIN_TIME_MS = Long.MIN_VALUE / 2;
    public static final long MAX_TIME_MS = Long.MAX_VALUE / 2;

    private ApiParams() {}

    /** @throws IllegalArgumentException "invalid parameter \"start\": ..." */
    public static long timeMs(String name, String text, long absent) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            BigDecimal seconds = new BigDecimal(text);
            return seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number: try RFC 3339
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid parameter \"" + name + "\": cannot parse \""
                    + text + "\" to a valid timestamp");
        }
    }

    /** The matchers of each {@code match[]} selector. */
    public static List<List<LabelMatcher>> selectors(List<String> matches) {
        List<List<LabelMatcher>> out = new ArrayList<>(matches.size());
        for (String m : matches) {
            out.add(selector(m));
        }
        return out;
    }

    public static List<LabelMatcher> selector(String text) {
        Expr e;
        try {
            e = PromQLParser.parse(text);
        } catch (ParseException ex) {
            throw new IllegalArgumentException("invalid parameter \"match[]\": " + ex.getMessage());
        }
        if (!(e instanceof VectorSelector vs)) {
            throw new IllegalArgumentException("invalid parameter \"match[]\": \"" + text
                    + "\" is not a series selector");
        }
        return vs.matchers();
    }

    /**
     * Whether the request refuses a partial answer: VictoriaMetrics' {@code deny_partial_response}
     * ({@code 1}/{@code true}, {@code 0}/{@code false}), else the node's
     * -search.denyPartialResponse.
     */
    public static boolean denyPartial(String text, boolean nodeDefault) {
        if (text == null || text.isEmpty()) {
            return nodeDefault;
        }
        return switch (text) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException("invalid parameter "
                    + "\"deny_partial_response\": \"" + text + "\" is not 0, 1, true or false");
        };
    }

    public static int limit(String text, int absent) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            int v = Integer.parseInt(text);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v == 0 ? absent : v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid parameter \"limit\": \"" + text
                    + "\" is not a non-negative integer");
        }
    }
}
