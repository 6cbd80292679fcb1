package io.cairn.it.querybench;

import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.LeanHttpClient;
import java.time.Duration;

/**
 * The client that sends the benchmark's timed requests to one server, chosen with
 * {@code --client}. Each {@link #timeGet} returns the latency of one GET and keeps the answer for
 * {@link #lastResult}. Not thread safe: one instance per server, used by the measuring thread.
 */
interface TimedClient extends AutoCloseable {
    /** Sends {@code GET pathAndQuery}, reads the whole answer and returns the nanoseconds it took. */
    long timeGet(String pathAndQuery);

    /** Status code of the last answer. */
    int lastStatus();

    /** A copy of the last answer (for checks, not on the timed path). */
    HttpResult lastResult();

    /** Connections opened so far, or -1 if the client does not tell. */
    int connections();

    @Override
    void close();

    /** The two clients {@code --client} chooses from. */
    enum Kind {
        /**
         * {@link LeanHttpClient}: blocking HTTP/1.1 on the measuring thread over one keep-alive
         * socket; the interval is request write to last body byte, as curl's time_total.
         */
        LEAN("lean (blocking HTTP/1.1 over one keep-alive socket per server)"),
        /**
         * {@link HttpApi} (java.net.http.HttpClient, HTTP/1.1, body as byte[]); the interval
         * includes its selector thread, executor hand-offs and request building.
         */
        JDK("jdk (java.net.http.HttpClient, HTTP/1.1)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }

        static Kind parse(String option) {
            return switch (option) {
                case "lean" -> LEAN;
                case "jdk" -> JDK;
                default -> throw new IllegalArgumentException("--client=" + option + ": want lean or jdk");
            };
        }

        /** A client of {@code api}'s server; the JDK kind shares {@code api} itself. */
        TimedClient open(HttpApi api, Duration readTimeout) {
            return this == LEAN ? new Lean(new LeanHttpClient(api.base(), readTimeout)) : new Jdk(api);
        }
    }

    /** Times {@link LeanHttpClient}'s own interval, which excludes building the request. */
    final class Lean implements TimedClient {
        private final LeanHttpClient client;

        Lean(LeanHttpClient client) {
            this.client = client;
        }

        @Override
        public long timeGet(String pathAndQuery) {
            client.get(pathAndQuery);
            return client.lastExchangeNanos();
        }

        @Override
        public int lastStatus() {
            return client.status();
        }

        @Override
        public HttpResult lastResult() {
            return client.result();
        }

        @Override
        public int connections() {
            return client.connections();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** The benchmark's original timing: wall time around {@link HttpApi#get}. */
    final class Jdk implements TimedClient {
        private final HttpApi api;
        private HttpResult last;

        Jdk(HttpApi api) {
            this.api = api;
        }

        @Override
        public long timeGet(String pathAndQuery) {
            long start = System.nanoTime();
            last = api.get(pathAndQuery);
            return System.nanoTime() - start;
        }

        @Override
        public int lastStatus() {
            return last.status();
        }

        @Override
        public HttpResult lastResult() {
            return last;
        }

        @Override
        public int connections() {
            return -1;
        }

        @Override
        public void close() {
            // The HttpApi belongs to the caller.
        }
    }
}
