package io.cairn.it.querybench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Condenses the execution samples ({@code jdk.ExecutionSample}) of a JFR recording into where the
 * time went: the methods most often on top of the stack (self time), and the Cairn methods
 * ({@code io.cairn.*}) most often anywhere on the stack (inclusive time), each as a share of all
 * samples. Also runnable on its own: {@code java -cp cairn-bench.jar
 * io.cairn.it.querybench.JfrSummary file.jfr [top]}.
 */
public final class JfrSummary {
    private JfrSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary <recording.jfr> [top-n]");
            System.exit(2);
        }
        System.out.print(summarize(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 25));
    }

    static String summarize(Path recording, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
                threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = name(f.getMethod());
                    if (n.startsWith("io.cairn.") && seen.add(n)) {
                        inclusive.merge(n, 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d execution samples in %s%n", samples, recording));
        table(out, "threads", threads, samples, 8);
        table(out, "self time (top of stack)", self, samples, top);
        table(out, "inclusive time, io.cairn methods", inclusive, samples, top);
        return out.toString();
    }

    private static void table(StringBuilder out, String title, Map<String, Integer> counts, int total, int top) {
        out.append("\n").append(title).append(":\n");
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            out.append(String.format(Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                    e.getValue(), e.getKey()));
        }
    }

    private static String name(RecordedMethod m) {
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }
}
