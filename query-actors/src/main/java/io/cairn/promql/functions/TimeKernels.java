package io.cairn.promql.functions;

/**
 * Calendar functions over Unix seconds in UTC (day_of_month, hour, ...), computed with civil
 * date arithmetic (no java.time objects per sample). Like Go's {@code time.Unix(int64(v), 0)},
 * the value is truncated towards zero to whole seconds.
 */
public final class TimeKernels {
    private static final int[] CUMULATIVE_DAYS = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    /** Keeps packed dates positive for years back to -10^9. */
    private static final long YEAR_BIAS = 1_000_000_000L;

    private TimeKernels() {}

    /** The kernel for a calendar function name, or null. */
    public static MathKernels.Unary forName(String name) {
        return switch (name) {
            case "minute" -> v -> Math.floorMod(seconds(v), 3600L) / 60;
            case "hour" -> v -> Math.floorMod(seconds(v), 86400L) / 3600;
            case "day_of_week" -> v -> Math.floorMod(days(v) + 4, 7L);
            case "day_of_month" -> v -> civil(days(v)) % 100;
            case "day_of_year" -> v -> dayOfYear(days(v));
            case "month" -> v -> civil(days(v)) / 100 % 100;
            case "year" -> v -> civil(days(v)) / 10000 - YEAR_BIAS;
            case "days_in_month" -> v -> {
                long c = civil(days(v));
                return daysInMonth(c / 10000 - YEAR_BIAS, (int) (c / 100 % 100));
            };
            default -> null;
        };
    }

    private static long seconds(double v) {
        return (long) v;
    }

    private static long days(double v) {
        return Math.floorDiv(seconds(v), 86400L);
    }

    /**
     * The civil date of a day count since 1970-01-01 (proleptic Gregorian), packed as
     * {@code (year + YEAR_BIAS) * 10000 + month * 100 + day} (always positive) so that no array is allocated per sample.
     */
    static long civil(long z) {
        z += 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long year = m <= 2 ? y + 1 : y;
        return (year + YEAR_BIAS) * 10000 + m * 100 + d;
    }

    private static long dayOfYear(long days) {
        long c = civil(days);
        long year = c / 10000 - YEAR_BIAS;
        long rest = c % 10000;
        int month = (int) (rest / 100);
        long doy = CUMULATIVE_DAYS[month - 1] + rest % 100;
        if (month > 2 && isLeap(year)) {
            doy++;
        }
        return doy;
    }

    private static boolean isLeap(long y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    private static int daysInMonth(long y, int m) {
        return switch (m) {
            case 2 -> isLeap(y) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
