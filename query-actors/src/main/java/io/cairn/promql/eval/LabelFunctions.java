package io.cairn.promql.eval;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.cairn.promql.ast.Call;
import io.cairn.promql.engine.QueryExecutionException;
import io.cairn.storage.model.Labels;
import java.util.Map;

/**
 * {@code label_replace} and {@code label_join}. Writing {@code __name__} keeps the (new) name
 * even when an earlier operation had marked it for removal; output series that end up with
 * the same labels at the same step are an error, as in Prometheus.
 */
final class LabelFunctions {
    private LabelFunctions() {}

    static StepVector labelReplace(Call c, StepVector in, int n) {
        String dst = FunctionEvaluator.stringArg(c, 1);
        String repl = FunctionEvaluator.stringArg(c, 2);
        String src = FunctionEvaluator.stringArg(c, 3);
        String regex = FunctionEvaluator.stringArg(c, 4);
        Pattern p;
        try {
            p = Pattern.compile("^(?s:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new QueryExecutionException("invalid regular expression in label_replace(): " + regex);
        }
        if (!LabelNames.isValid(dst)) {
            throw new QueryExecutionException("invalid destination label name in label_replace(): " + dst);
        }
        SeriesCollector out = new SeriesCollector(n);
        for (StepSeries s : in.series()) {
            String value = s.labels.get(src);
            Matcher m = p.matcher(value == null ? "" : value);
            Labels labels = s.labels;
            boolean dropName = s.dropName;
            if (m.find()) {
                String res = expand(repl, m, p.namedGroups());
                labels = s.labels.toBuilder().set(dst, res).build();
                if (dst.equals(Labels.METRIC_NAME)) {
                    dropName = false;
                }
            }
            copyInto(out, s, labels, dropName, n);
        }
        return out.result();
    }

    static StepVector labelJoin(Call c, StepVector in, int n) {
        String dst = FunctionEvaluator.stringArg(c, 1);
        String sep = FunctionEvaluator.stringArg(c, 2);
        String[] srcs = new String[c.args().size() - 3];
        for (int i = 0; i < srcs.length; i++) {
            srcs[i] = FunctionEvaluator.stringArg(c, i + 3);
            if (!LabelNames.isValid(srcs[i])) {
                throw new QueryExecutionException("invalid source label name in label_join(): " + srcs[i]);
            }
        }
        if (!LabelNames.isValid(dst)) {
            throw new QueryExecutionException("invalid destination label name in label_join(): " + dst);
        }
        SeriesCollector out = new SeriesCollector(n);
        for (StepSeries s : in.series()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < srcs.length; i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                String v = s.labels.get(srcs[i]);
                if (v != null) {
                    sb.append(v);
                }
            }
            Labels labels = s.labels.toBuilder().set(dst, sb.toString()).build();
            copyInto(out, s, labels, s.dropName && !dst.equals(Labels.METRIC_NAME), n);
        }
        return out.result();
    }

    private static void copyInto(SeriesCollector out, StepSeries s, Labels labels, boolean dropName, int n) {
        StepSeries o = out.series(labels, dropName);
        for (int i = 0; i < n; i++) {
            if (s.present[i]) {
                SeriesCollector.set(o, i, s.values[i]);
            }
        }
    }

    /** Go's {@code Regexp.ExpandString}: {@code $1}, {@code ${1}}, {@code $name}, {@code $$}. */
    static String expand(String template, Matcher m, Map<String, Integer> named) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int len = template.length();
        while (i < len) {
            char ch = template.charAt(i);
            if (ch != '$') {
                sb.append(ch);
                i++;
                continue;
            }
            i++;
            if (i < len && template.charAt(i) == '$') {
                sb.append('$');
                i++;
                continue;
            }
            boolean brace = i < len && template.charAt(i) == '{';
            int start = brace ? i + 1 : i;
            int j = start;
            while (j < len) {
                int cp = template.codePointAt(j);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                    break;
                }
                j += Character.charCount(cp);
            }
            if (j == start || (brace && (j >= len || template.charAt(j) != '}'))) {
                sb.append('$');
                continue;
            }
            String name = template.substring(start, j);
            i = brace ? j + 1 : j;
            int num = groupNumber(name);
            int group = num >= 0 ? num : named.getOrDefault(name, -1);
            if (group >= 0 && group <= m.groupCount()) {
                String g = m.group(group);
                if (g != null) {
                    sb.append(g);
                }
            }
        }
        return sb.toString();
    }

    private static int groupNumber(String name) {
        int num = 0;
        for (int k = 0; k < name.length(); k++) {
            char ch = name.charAt(k);
            if (ch < '0' || ch > '9' || num >= 100_000_000) {
                return -1;
            }
            num = num * 10 + (ch - '0');
        }
        if (name.charAt(0) == '0' && name.length() > 1) {
            return -1;
        }
        return num;
    }
}
