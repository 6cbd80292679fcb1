package io.cairn.http.ingest;

import java.util.Arrays;
import java.util.List;

/**
 * Labels added to (or overriding those of) every series of a request, from repeated
 * {@code extra_label=name=value} query parameters as VictoriaMetrics accepts them. A later
 * parameter for the same name wins; an empty value removes the label from every series. Immutable
 * and compared by content, so it can be part of a {@link LabelsCache} key.
 */
public final class ExtraLabels {
    public static final ExtraLabels NONE = new ExtraLabels(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private final int hash;

    private ExtraLabels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    /**
     * Parses the values of the {@code extra_label} query parameter, each {@code name=value}.
     *
     * @throws IngestException naming the parameter when one has no {@code =} or an empty name
     */
    public static ExtraLabels parse(List<String> params) {
        if (params == null || params.isEmpty()) {
            return NONE;
        }
        String[] names = new String[params.size()];
        String[] values = new String[params.size()];
        int n = 0;
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IngestException(
                        "cannot parse extra_label=" + p + ": want extra_label=name=value");
            }
            String name = p.substring(0, eq);
            int existing = indexOf(names, n, name);
            int i = existing >= 0 ? existing : n++;
            names[i] = name;
            values[i] = p.substring(eq + 1);
        }
        return new ExtraLabels(Arrays.copyOf(names, n), Arrays.copyOf(values, n));
    }

    private static int indexOf(String[] names, int n, String name) {
        for (int i = 0; i < n; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    /** The value; {@code ""} means the label is removed. */
    public String value(int i) {
        return values[i];
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof ExtraLabels e
                        && hash == e.hash
                        && Arrays.equals(names, e.names)
                        && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ExtraLabels{");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
