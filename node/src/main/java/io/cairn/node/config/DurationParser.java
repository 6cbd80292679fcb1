package io.cairn.node.config;

import java.time.Duration;

/**
 * Parses the durations operators write in flags: Go/Prometheus style ({@code 500ms}, {@code 15s},
 * {@code 5m}, {@code 1h30m}, {@code 15d}, {@code 2w}, {@code 1y}); for -retentionPeriod also a
 * bare number of months or {@code M} ({@code 12}, {@code 1M}), as VictoriaMetrics accepts.
 */
public final class DurationParser {
    private static final long DAY_MS = 86_400_000L;

    private DurationParser() {}

    public static Duration parse(String flag, String text) {
        return Duration.ofMillis(parseMillis(flag, text, false));
    }

    public static Duration parseRetention(String flag, String text) {
        return Duration.ofMillis(parseMillis(flag, text, true));
    }

    private static long parseMillis(String flag, String text, boolean bareIsMonths) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw bad(flag, text);
        }
        if (bareIsMonths && t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return months(flag, text, t);
        }
        long total = 0;
        int i = 0;
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw bad(flag, text);
            }
            double n = Double.parseDouble(t.substring(start, i));
            int unitStart = i;
            while (i < t.length() && Character.isLetter(t.charAt(i))) {
                i++;
            }
            String unit = t.substring(unitStart, i);
            long unitMs = switch (unit) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> DAY_MS;
                case "w" -> 7 * DAY_MS;
                case "y" -> 365 * DAY_MS;
                case "M" -> bareIsMonths ? 31 * DAY_MS : -1;
                default -> -1;
            };
            if (unitMs < 0) {
                throw bad(flag, text);
            }
            total += Math.round(n * unitMs);
        }
        return total;
    }

    private static long months(String flag, String text, String t) {
        try {
            return Math.round(Double.parseDouble(t) * 31 * DAY_MS);
        } catch (NumberFormatException e) {
            throw bad(flag, text);
        }
    }

    private static IllegalArgumentException bad(String flag, String text) {
        return new IllegalArgumentException("-" + flag + "=\"" + text + "\": want a duration "
                + "such as 500ms, 15s, 5m, 1h30m, 15d, 2w, 1y");
    }
}
