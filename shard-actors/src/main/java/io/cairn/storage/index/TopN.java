package io.cairn.storage.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Keeps the N largest entries offered (ties by name), in O(offers x log N). Not thread-safe. */
final class TopN {
    private static final Comparator<TsdbStatus.Entry> ORDER =
            Comparator.comparingLong(TsdbStatus.Entry::value).reversed()
                    .thenComparing(TsdbStatus.Entry::name);

    private final int n;
    /** Worst entry at the head, so it is the one evicted. */
    private final PriorityQueue<TsdbStatus.Entry> heap = new PriorityQueue<>(ORDER.reversed());

    TopN(int n) {
        this.n = Math.max(0, n);
    }

    void offer(String name, long value) {
        if (n == 0 || value <= 0) {
            return;
        }
        if (heap.size() < n) {
            heap.add(new TsdbStatus.Entry(name, value));
            return;
        }
        TsdbStatus.Entry worst = heap.peek();
        if (value > worst.value() || (value == worst.value() && name.compareTo(worst.name()) < 0)) {
            heap.poll();
            heap.add(new TsdbStatus.Entry(name, value));
        }
    }

    List<TsdbStatus.Entry> sorted() {
        List<TsdbStatus.Entry> out = new ArrayList<>(heap);
        out.sort(ORDER);
        return List.copyOf(out);
    }
}
