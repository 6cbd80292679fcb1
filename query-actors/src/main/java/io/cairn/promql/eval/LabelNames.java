package io.cairn.promql.eval;

/** Label-name validity as Prometheus 3 checks it (UTF-8 names allowed; must be non-empty). */
final class LabelNames {
    private LabelNames() {}

    static boolean isValid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || c == '\uFFFD') {
                return false;
            }
        }
        return true;
    }
}
