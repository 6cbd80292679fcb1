package io.cairn.promql.promqltest;

import io.cairn.promql.engine.MatrixResult;
import io.cairn.promql.engine.QueryResult;
import io.cairn.promql.engine.QueryValue;
import io.cairn.promql.engine.ScalarResult;
import io.cairn.promql.engine.StringResult;
import io.cairn.promql.engine.VectorResult;
import io.cairn.promql.functions.AlmostEqual;
import io.cairn.storage.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares query results with an eval's expectations the way the reference runner does
 * (FORMAT.md §7–8): floats with {@code almost.Equal(·, ·, 1e-6)}, timestamps exactly, series
 * by full label set. Each method returns null when the result meets the expectation, else a
 * description of the first difference.
 */
final class ResultChecker {
    private static final double EPSILON = 1e-6;

    private ResultChecker() {}

    /** Checks an instant query's value (vector, scalar, string, or matrix for "expect range vector"). */
    static String checkInstant(EvalCase c, QueryValue v) {
        if (c.rangeVector() != null) {
            if (!(v instanceof MatrixResult m)) {
                return "expected a range vector, got " + v.typeName();
            }
            long[] rv = c.rangeVector();
            return checkMatrix(c, m, rv[0], rv[1], rv[2]);
        }
        if (c.string() != null) {
            if (!(v instanceof StringResult s)) {
                return "expected string, got " + v.typeName();
            }
            return s.value().equals(c.string()) ? null
                    : "expected string \"" + c.string() + "\", got \"" + s.value() + "\"";
        }
        if (c.hasScalar()) {
            if (!(v instanceof ScalarResult s)) {
                return "expected scalar, got " + v.typeName();
            }
            return floatEq(s.value(), c.scalar()) ? null
                    : "expected scalar " + c.scalar() + ", got " + s.value();
        }
        if (v instanceof MatrixResult m) {
            return "expected vector result, got matrix with " + m.series().size() + " series";
        }
        if (!(v instanceof VectorResult vec)) {
            return "expected vector or matrix result, but got " + v.typeName();
        }
        return checkVector(c, vec.samples(), c.ordered());
    }

    static String checkVector(EvalCase c, List<VectorResult.Sample> samples, boolean ordered) {
        Map<Labels, Integer> position = new HashMap<>();
        Map<Labels, SeriesDescription> expected = new HashMap<>();
        int pos = 1;
        for (SeriesDescription s : c.series()) {
            expected.put(s.labels(), s);
            position.put(s.labels(), pos++);
        }
        Set<Labels> seen = new HashSet<>();
        for (int k = 0; k < samples.size(); k++) {
            VectorResult.Sample smp = samples.get(k);
            SeriesDescription exp = expected.get(smp.labels());
            if (exp == null) {
                return "unexpected metric " + smp.labels() + " in result, has value " + smp.value();
            }
            if (ordered && position.get(smp.labels()) != k + 1) {
                return "expected metric " + smp.labels() + " at position " + position.get(smp.labels())
                        + " but was at " + (k + 1);
            }
            double want = exp.values()[0];
            if (!floatEq(smp.value(), want)) {
                return "expected " + want + " for " + smp.labels() + " but got " + smp.value();
            }
            seen.add(smp.labels());
        }
        for (SeriesDescription s : c.series()) {
            if (!seen.contains(s.labels())) {
                return "expected metric " + s.labels() + " not found";
            }
        }
        return null;
    }

    /** Checks a matrix against expected series whose value k belongs at start + k * step. */
    static String checkMatrix(EvalCase c, MatrixResult m, long start, long end, long step) {
        Map<Labels, SeriesDescription> expected = new HashMap<>();
        for (SeriesDescription s : c.series()) {
            expected.put(s.labels(), s);
        }
        Labels prev = null;
        for (MatrixResult.Series s : m.series()) {
            if (prev != null && prev.compareTo(s.labels()) >= 0) {
                return "matrix is not sorted by labels: " + prev + " before " + s.labels();
            }
            prev = s.labels();
        }
        Set<Labels> seen = new HashSet<>();
        for (MatrixResult.Series s : m.series()) {
            SeriesDescription exp = expected.get(s.labels());
            if (exp == null) {
                return "unexpected metric " + s.labels() + " in result, has " + points(s);
            }
            seen.add(s.labels());
            List<long[]> wantT = new ArrayList<>();
            List<Double> wantV = new ArrayList<>();
            for (int k = 0; k < exp.slots(); k++) {
                long t = start + k * step;
                if (t > end) {
                    return "expected " + exp.slots() + " points for " + s.labels()
                            + ", but query time range cannot return this many points";
                }
                if (exp.kinds()[k] == SeriesDescription.FLOAT) {
                    wantT.add(new long[] {t});
                    wantV.add(exp.values()[k]);
                }
            }
            if (wantT.size() != s.count()) {
                return "expected " + wantT.size() + " float points for " + s.labels() + ", but got "
                        + points(s);
            }
            for (int k = 0; k < s.count(); k++) {
                if (wantT.get(k)[0] != s.timestamps()[k]) {
                    return "expected point " + k + " of " + s.labels() + " at t=" + wantT.get(k)[0]
                            + " but it is at t=" + s.timestamps()[k] + " (" + points(s) + ")";
                }
                if (!floatEq(s.values()[k], wantV.get(k))) {
                    return "expected " + wantV.get(k) + " at t=" + s.timestamps()[k] + " for "
                            + s.labels() + " but got " + s.values()[k] + " (" + points(s) + ")";
                }
            }
        }
        for (SeriesDescription s : c.series()) {
            if (!seen.contains(s.labels())) {
                return "expected metric " + s.labels() + " not found";
            }
        }
        return null;
    }

    /** The range-mode cross-check: the points at exactly t must meet the instant expectation. */
    static String checkRangeModeAt(EvalCase c, MatrixResult m, long t, boolean scalarInstant) {
        Labels prev = null;
        List<VectorResult.Sample> vec = new ArrayList<>();
        for (MatrixResult.Series s : m.series()) {
            if (prev != null && prev.compareTo(s.labels()) >= 0) {
                return "range mode: matrix is not sorted by labels";
            }
            prev = s.labels();
            for (int k = 0; k < s.count(); k++) {
                if (s.timestamps()[k] == t) {
                    vec.add(new VectorResult.Sample(s.labels(), t, s.values()[k]));
                    break;
                }
            }
        }
        if (scalarInstant) {
            if (vec.isEmpty()) {
                return "range mode: no point at the evaluation time";
            }
            return checkInstant(c, new ScalarResult(t, vec.get(0).value()));
        }
        return checkInstant(c, new VectorResult(vec));
    }

    /** Checks warnings and infos against the expect warn/info/no_warn/no_info lines. */
    static String checkAnnotations(EvalCase c, QueryResult r) {
        String w = checkKind("warning", c.warns(), c.noWarn(), r.warnings());
        return w != null ? w : checkKind("info", c.infos(), c.noInfo(), r.infos());
    }

    private static String checkKind(String kind, List<Expectation> want, boolean none, List<String> got) {
        if (none && !got.isEmpty()) {
            return "unexpected " + kind + " annotations: " + got;
        }
        if (want.isEmpty()) {
            return null;
        }
        if (got.isEmpty()) {
            return "expected " + kind + " annotations but got none";
        }
        for (Expectation e : want) {
            boolean any = false;
            for (String g : got) {
                any |= e.matches(g);
            }
            if (!any) {
                return "no " + kind + " annotation matches " + e + "; got " + got;
            }
        }
        for (String g : got) {
            boolean any = false;
            for (Expectation e : want) {
                any |= e.matches(g);
            }
            if (!any) {
                return "unexpected " + kind + " annotation: " + g;
            }
        }
        return null;
    }

    static boolean floatEq(double actual, double expected) {
        return AlmostEqual.equal(actual, expected, EPSILON);
    }

    private static String points(MatrixResult.Series s) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < s.count(); k++) {
            if (k > 0) {
                sb.append(' ');
            }
            sb.append(s.values()[k]).append('@').append(s.timestamps()[k]);
        }
        return sb.append(']').toString();
    }
}
