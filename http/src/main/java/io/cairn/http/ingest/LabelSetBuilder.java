package io.cairn.http.ingest;

import io.cairn.storage.model.Labels;
import java.util.Arrays;
import java.util.HashSet;

/**
 * Collects the labels of one row as the parser finds them, applies {@link ExtraLabels}, checks
 * {@link IngestLimits} and builds the {@link Labels}. One builder per parser, reused for every
 * row via {@link #reset()}; not thread-safe.
 *
 * <p>Validation messages name the offending label but not the row: the parser prefixes
 * {@code line N: } or {@code timeseries N: }.
 */
final class LabelSetBuilder {
    /** Beyond this many raw labels duplicates are found with a hash set instead of pairwise. */
    private static final int PAIRWISE_MAX = 32;
    private static final int SHOWN_NAME_MAX = 64;

    private String[] names = new String[16];
    private String[] values = new String[16];
    private int size;

    void reset() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    int size() {
        return size;
    }

    void add(String name, String value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    /** Sets a label, replacing the value of an existing label of that name. */
    void set(String name, String value) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                values[i] = value;
                return;
            }
        }
        add(name, value);
    }

    boolean has(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the labels the row itself carries (call before {@link #applyExtra}, since extra
     * labels override rather than duplicate) and then, after extra labels are applied, the
     * limits. Returns null when valid, else the reason.
     */
    String validate(ExtraLabels extra, IngestLimits limits) {
        String dup = findDuplicate();
        if (dup != null) {
            return "label name " + quote(dup) + " appears twice";
        }
        applyExtra(extra);
        int present = 0;
        boolean hasName = false;
        for (int i = 0; i < size; i++) {
            String name = names[i];
            String value = values[i];
            if (value.isEmpty()) {
                continue;
            }
            present++;
            if (name.isEmpty()) {
                return "empty label name (value " + quote(value) + ")";
            }
            int nameLen = utf8Length(name);
            if (nameLen > limits.maxLabelNameLen()) {
                return "label name " + quote(name) + " is too long: " + nameLen
                        + " > -maxLabelNameLen=" + limits.maxLabelNameLen();
            }
            int valueLen = utf8Length(value);
            if (valueLen > limits.maxLabelValueLen()) {
                return "value of label " + quote(name) + " is too long: " + valueLen
                        + " > -maxLabelValueLen=" + limits.maxLabelValueLen();
            }
            if (name.equals(Labels.METRIC_NAME)) {
                hasName = true;
            }
        }
        if (present > limits.maxLabelsPerTimeseries()) {
            return "too many labels: " + present + " > -maxLabelsPerTimeseries="
                    + limits.maxLabelsPerTimeseries();
        }
        if (!hasName) {
            return "missing metric name (label __name__)";
        }
        return null;
    }

    private void applyExtra(ExtraLabels extra) {
        for (int i = 0; i < extra.size(); i++) {
            set(extra.name(i), extra.value(i));
        }
    }

    /** The labels; call only after {@link #validate} returned null. Empty values are dropped. */
    Labels build() {
        int present = 0;
        for (int i = 0; i < size; i++) {
            if (!values[i].isEmpty()) {
                present++;
            }
        }
        String[] pairs = new String[2 * present];
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (!values[i].isEmpty()) {
                pairs[j++] = names[i];
                pairs[j++] = values[i];
            }
        }
        return Labels.of(pairs);
    }

    private String findDuplicate() {
        if (size <= PAIRWISE_MAX) {
            for (int i = 1; i < size; i++) {
                for (int j = 0; j < i; j++) {
                    if (names[i].equals(names[j])) {
                        return names[i];
                    }
                }
            }
            return null;
        }
        HashSet<String> seen = new HashSet<>(size * 2);
        for (int i = 0; i < size; i++) {
            if (!seen.add(names[i])) {
                return names[i];
            }
        }
        return null;
    }

    /** A label name or value for an error message: Go-style quoted, long ones cut. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), SHOWN_NAME_MAX) + 8);
        sb.append('"');
        int n = Math.min(s.length(), SHOWN_NAME_MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        if (s.length() > SHOWN_NAME_MAX) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** UTF-8 length of {@code s}; lone surrogates count as the 3-byte replacement character. */
    static int utf8Length(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    len += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    len += 2; // 4 bytes for the pair of two chars
                    i++;
                } else {
                    len += 2;
                }
            }
        }
        return len;
    }
}
