package io.cairn.storage.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An immutable label set, sorted by label name (bytewise on UTF-8, which for the ASCII label
 * names Prometheus allows equals String order). The metric name is the label {@code __name__}.
 * Empty label values are never stored: in Prometheus a label with an empty value is absent.
 *
 * <p>Instances are shared freely between threads and actors.
 */
public final class Labels implements Comparable<Labels> {
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0]);

    /** name0, value0, name1, value1, ... sorted by name, no duplicate names. */
    private final String[] pairs;
    private int hash;

    private Labels(String[] sortedPairs) {
        this.pairs = sortedPairs;
    }

    /** From alternating names and values in any order; empty values are dropped. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels need name/value pairs");
        }
        Builder b = new Builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.set(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Labels fromMap(Map<String, String> map) {
        Builder b = new Builder();
        map.forEach(b::set);
        return b.build();
    }

    public int size() {
        return pairs.length / 2;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The value of the label, or null when absent. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : pairs[2 * i + 1];
    }

    public String metricName() {
        return get(METRIC_NAME);
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    private int indexOf(String name) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pairs[2 * mid].compareTo(name);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.set(pairs[i], pairs[i + 1]);
        }
        return b;
    }

    public Labels without(String name) {
        return has(name) ? toBuilder().delete(name).build() : this;
    }

    public Labels withoutMetricName() {
        return without(METRIC_NAME);
    }

    /**
     * The canonical byte key: for each label in order, varint(len(name)) name varint(len(value))
     * value. Equal label sets have equal keys; used for hashing and in persisted formats.
     */
    public byte[] canonicalBytes() {
        int size = 0;
        byte[][] utf8 = new byte[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            utf8[i] = pairs[i].getBytes(StandardCharsets.UTF_8);
            size += varintSize(utf8[i].length) + utf8[i].length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (byte[] s : utf8) {
            pos = putVarint(out, pos, s.length);
            System.arraycopy(s, 0, out, pos, s.length);
            pos += s.length;
        }
        return out;
    }

    /** Inverse of {@link #canonicalBytes()}. */
    public static Labels fromCanonicalBytes(byte[] bytes, int offset, int length) {
        List<String> out = new ArrayList<>();
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int len = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[pos++];
                len |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            out.add(new String(bytes, pos, len, StandardCharsets.UTF_8));
            pos += len;
        }
        if (pos != end || out.size() % 2 != 0) {
            throw new IllegalArgumentException("corrupt canonical label bytes");
        }
        return new Labels(out.toArray(new String[0]));
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int putVarint(byte[] out, int pos, int v) {
        while ((v & ~0x7F) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && Arrays.equals(pairs, other.pairs);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(pairs);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Labels o) {
        int n = Math.min(pairs.length, o.pairs.length);
        for (int i = 0; i < n; i++) {
            int c = pairs[i].compareTo(o.pairs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pairs.length, o.pairs.length);
    }

    /** Prometheus notation: {@code name{a="b", c="d"}}, values escaped like Go's %q. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String name = metricName();
        if (name != null) {
            sb.append(name);
        }
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(METRIC_NAME)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(pairs[i]).append("=\"");
            escape(sb, pairs[i + 1]);
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    private static void escape(StringBuilder sb, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    /** Mutable builder; not thread-safe. Setting an empty value deletes the label. */
    public static final class Builder {
        private final ArrayList<String> names = new ArrayList<>();
        private final ArrayList<String> values = new ArrayList<>();

        public Builder set(String name, String value) {
            int i = names.indexOf(name);
            if (value == null || value.isEmpty()) {
                if (i >= 0) {
                    names.remove(i);
                    values.remove(i);
                }
                return this;
            }
            if (i >= 0) {
                values.set(i, value);
            } else {
                names.add(name);
                values.add(value);
            }
            return this;
        }

        public Builder delete(String name) {
            return set(name, null);
        }

        public String get(String name) {
            int i = names.indexOf(name);
            return i < 0 ? null : values.get(i);
        }

        public Labels build() {
            int n = names.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
            String[] pairs = new String[2 * n];
            for (int i = 0; i < n; i++) {
                pairs[2 * i] = names.get(order[i]);
                pairs[2 * i + 1] = values.get(order[i]);
            }
            return n == 0 ? EMPTY : new Labels(pairs);
        }
    }
}
