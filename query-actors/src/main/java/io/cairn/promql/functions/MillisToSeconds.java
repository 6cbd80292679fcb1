package io.cairn.promql.functions;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * {@code ms / 1000.0}, correctly rounded, without a division for durations below 2^31 ms
 * (24.8 days): the product with 0.001 is corrected once by its exact residual,
 * {@code q + fma(q, -1000, ms) * 0.001}. That this equals the division for every integer in
 * [0, 2^31) (and so, by symmetry, in (-2^31, 0]) was checked exhaustively
 * ({@code MillisToSecondsTest}); the plain product alone is wrong for 14 % of them.
 *
 * <p>Why: the counter {@code rate} kernel turns three millisecond distances into seconds per
 * window, and a double division occupies the divider for several cycles each while the
 * multiply-adds pipeline. Where {@link Math#fma} is not a CPU instruction (the JVM then computes
 * it exactly in software, far slower than a division), {@link #FAST} is false and callers
 * divide. Stateless.
 */
public final class MillisToSeconds {
    /** Whether {@link #seconds} is cheaper than a division on this JVM and CPU. */
    public static final boolean FAST = fmaIsIntrinsic();
    /** {@link #seconds} is exact for magnitudes below this; callers divide beyond it. */
    public static final long EXACT_LIMIT = 1L << 31;

    private static final double THOUSANDTH = 0.001;

    private MillisToSeconds() {}

    /** {@code ms / 1000.0} bit for bit, for {@code |ms| < } {@link #EXACT_LIMIT}. */
    public static double seconds(long ms) {
        double x = ms;
        double q = x * THOUSANDTH;
        return q + Math.fma(q, -1000.0, x) * THOUSANDTH;
    }

    private static boolean fmaIsIntrinsic() {
        try {
            HotSpotDiagnosticMXBean hotspot =
                    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot != null && "true".equals(hotspot.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            return false;
        }
    }
}
