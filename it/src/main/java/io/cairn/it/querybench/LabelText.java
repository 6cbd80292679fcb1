package io.cairn.it.querybench;

import java.util.Map;

/** Renders a label set in PromQL notation for messages and tables: {@code {a="1", b="x\"y"}}. */
final class LabelText {
    private LabelText() {}

    static String of(Map<String, String> labels) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(e.getKey()).append("=\"");
            String v = e.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> out.append(c);
                }
            }
            out.append('"');
        }
        return out.append('}').toString();
    }
}
