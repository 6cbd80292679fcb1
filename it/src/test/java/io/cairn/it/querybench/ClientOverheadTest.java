package io.cairn.it.querybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.harness.HttpResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientOverheadTest {
    /** A client whose latencies come from a script and which logs the order of calls. */
    private static final class Scripted implements TimedClient {
        private final String name;
        private final long[] nanos;
        private final int status;
        private final List<String> calls;
        private int next;

        Scripted(String name, int status, List<String> calls, long... nanos) {
            this.name = name;
            this.status = status;
            this.calls = calls;
            this.nanos = nanos;
        }

        @Override
        public long timeGet(String pathAndQuery) {
            calls.add(name);
            return nanos[next++];
        }

        @Override
        public int lastStatus() {
            return status;
        }

        @Override
        public HttpResult lastResult() {
            return new HttpResult(status, new byte[0]);
        }

        @Override
        public int connections() {
            return 1;
        }

        @Override
        public void close() {}
    }

    @Test
    void pairsAlternateAndDifferencesArePerPair() {
        List<String> calls = new ArrayList<>();
        TimedClient lean = new Scripted("lean", 200, calls, 1_000_000, 9_000_000, 2_000_000, 3_000_000);
        TimedClient jdk = new Scripted("jdk", 200, calls, 4_000_000, 10_000_000, 5_500_000, 3_500_000);
        ClientOverhead.Sample s = ClientOverhead.measure("/q", lean, jdk, 4);
        assertEquals(List.of("lean", "jdk", "jdk", "lean", "lean", "jdk", "jdk", "lean"), calls);
        // Differences 3, 1, 3.5, 0.5 ms: the median is 2 ms, unlike the difference of the medians.
        assertEquals(2.0, s.medianDifferenceMs(), 1e-9);
        assertEquals(2.0, s.lean().medianMs(), 1e-9);
        assertEquals(4.0, s.jdk().medianMs(), 1e-9);
        String row = ClientOverhead.row("q", "1h/15s", s, s);
        assertEquals("| q | 1h/15s | 2.00 | 4.00 | 2.00 | 2.00 | 4.00 | 2.00 |\n", row.replace("\r", ""));
    }

    @Test
    void differentStatusesAreAnError() {
        List<String> calls = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClientOverhead.measure("/q",
                new Scripted("lean", 200, calls, 1), new Scripted("jdk", 503, calls, 1), 1));
        assertTrue(e.getMessage().contains("HTTP 200 (lean) and 503 (jdk)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientOverhead.measure("/q",
                new Scripted("lean", 200, calls, 1), new Scripted("jdk", 200, calls, 1), 0));
    }
}
