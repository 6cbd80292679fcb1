package io.cairn.storage.model;

import io.cairn.storage.hash.Hash64;
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
 *
 * <p>The ingest hot path keys everything on one instance per series (parsers cache them), so an
 * instance computes its canonical encoding and {@link #fingerprint()} at most once and keeps
 * them, like {@link #hashCode()}: a known series then costs no string work at all.
 */
public final class Labels implements Comparable<Labels> {
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0]);
    /** Seed of the hash behind {@link #fingerprintCheck()}; any seed other than 0 would do. */
    static final long CHECK_SEED = 0x5EED_C4EC_4A11_B175L;

    /** name0, value0, name1, value1, ... sorted by name, no duplicate names. */
    private final String[] pairs;
    private int hash;
    /**
     * The canonical encoding, computed lazily. {@link #fingerprint} and {@link #check} are
     * written before this volatile field, so a thread that reads it non-null sees them too
     * (racy single-check initialisation: two threads may both compute, with equal results).
     * They are fields of the instance rather than of a holder object so that the ingest path
     * reads them with one memory access less per series.
     */
    private volatile byte[] canonical;
    private long fingerprint;
    private int check;

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

    /**
     * From pairs already in canonical order: {@code name0, value0, name1, value1, ...} with
     * names strictly ascending and every value non-empty, checked in one linear pass (no
     * sorting). The array is taken over, not copied: the caller must not modify it afterwards.
     * For decoders of formats that store labels sorted (row blocks, index records).
     *
     * @throws IllegalArgumentException naming the offending label when the pairs are not in
     *     canonical order, a value is empty, or an element is null
     */
    public static Labels ofSorted(String[] sortedPairs) {
        if (sortedPairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels need name/value pairs, got "
                    + sortedPairs.length + " strings");
        }
        if (sortedPairs.length == 0) {
            return EMPTY;
        }
        String previous = null;
        for (int i = 0; i < sortedPairs.length; i += 2) {
            String name = sortedPairs[i];
            String value = sortedPairs[i + 1];
            if (name == null || value == null) {
                throw new IllegalArgumentException("label " + i / 2 + " has a null name or value");
            }
            if (previous != null && previous.compareTo(name) >= 0) {
                throw new IllegalArgumentException("label names not strictly ascending: \""
                        + previous + "\" then \"" + name + "\"");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("label \"" + name + "\" has an empty value");
            }
            previous = name;
        }
        return new Labels(sortedPairs);
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
     * value, strings in UTF-8 (an unpaired surrogate encodes as {@code '?'}, as
     * {@code String.getBytes(UTF_8)} does). Equal label sets have equal keys; used for hashing
     * and in persisted formats. Returns a new array each call.
     */
    public byte[] canonicalBytes() {
        return canonical().clone();
    }

    /** Length of {@link #canonicalBytes()}; computed once per instance. */
    public int canonicalLength() {
        return canonical().length;
    }

    /** Copies {@link #canonicalBytes()} into {@code dst} at {@code offset}, allocation-free. */
    public void copyCanonicalBytes(byte[] dst, int offset) {
        byte[] c = canonical();
        System.arraycopy(c, 0, dst, offset, c.length);
    }

    /**
     * The tenant-independent 64-bit fingerprint of the label set:
     * {@code XXH64(seed 0, canonicalBytes())}. Computed once per instance and cached, so
     * asking again is a field read. The series id builds on it (see {@code SeriesIds}); it is
     * part of the persisted, cluster-wide contract and must never change.
     */
    public long fingerprint() {
        if (canonical == null) {
            canonical();
        }
        return fingerprint;
    }

    /**
     * A second 32-bit hash of the label set, independent of {@link #fingerprint()}:
     * the low 32 bits of {@code XXH64(seed 0x5EEDC4EC4A11B175, canonicalBytes())}. Cached like
     * the fingerprint. A replica that recognises a series by its id alone compares this value
     * too, so a 64-bit id collision between different label sets is caught (and resolved by
     * comparing labels) unless the 32 independent bits collide as well.
     */
    public int fingerprintCheck() {
        if (canonical == null) {
            canonical();
        }
        return check;
    }

    private byte[] canonical() {
        byte[] c = canonical;
        if (c == null) {
            c = encodeCanonical();
            fingerprint = Hash64.hash(c, 0, c.length, 0L);
            check = (int) Hash64.hash(c, 0, c.length, CHECK_SEED);
            canonical = c; // publishes the two hashes above
        }
        return c;
    }

    private byte[] encodeCanonical() {
        int size = 0;
        for (String s : pairs) {
            int len = utf8Length(s);
            size += varintSize(len) + len;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (String s : pairs) {
            pos = putUtf8(out, pos, s);
        }
        if (pos != size) {
            throw new IllegalStateException("BUG: encoded " + pos + " bytes, computed " + size);
        }
        return out;
    }

    /** UTF-8 length as {@code String.getBytes(UTF_8)} produces it. */
    private static int utf8Length(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    len += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    len += 2; // 4 bytes for the two chars of the pair
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    len += 2;
                } // else an unpaired surrogate: one '?'

            }
        }
        return len;
    }

    /** Writes varint(UTF-8 length) and the UTF-8 bytes of {@code s}; returns the new end. */
    private static int putUtf8(byte[] out, int pos, String s) {
        pos = putVarint(out, pos, utf8Length(s));
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >>> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    out[pos++] = (byte) (0xF0 | (cp >>> 18));
                    out[pos++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
                    out[pos++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                    out[pos++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    out[pos++] = '?';
                }
            } else {
                out[pos++] = (byte) (0xE0 | (c >>> 12));
                out[pos++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return pos;
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
            if (n == 0) {
                return EMPTY;
            }
            String[] pairs = new String[2 * n];
            for (int i = 0; i < n; i++) {
                pairs[2 * i] = names.get(i);
                pairs[2 * i + 1] = values.get(i);
            }
            sortPairs(pairs);
            return new Labels(pairs);
        }

        /** Insertion sort of (name, value) pairs by name: label sets are small, no boxing. */
        private static void sortPairs(String[] pairs) {
            for (int i = 2; i < pairs.length; i += 2) {
                String name = pairs[i];
                String value = pairs[i + 1];
                int j = i - 2;
                while (j >= 0 && pairs[j].compareTo(name) > 0) {
                    pairs[j + 2] = pairs[j];
                    pairs[j + 3] = pairs[j + 1];
                    j -= 2;
                }
                pairs[j + 2] = name;
                pairs[j + 3] = value;
            }
        }
    }
}
