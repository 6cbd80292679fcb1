package io.cairn.it.querybench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cairn.it.harness.HttpApi;
import io.cairn.it.harness.HttpResult;
import io.cairn.it.harness.LeanHttpClient;
import io.cairn.it.querybench.ScriptedHttpServer.Reply;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeanHttpClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String NEXT = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext";

    private static String text(LeanHttpClient c) {
        return new String(c.body(), 0, c.bodyLength(), StandardCharsets.ISO_8859_1);
    }

    /** Deterministic pseudo-random bytes, so two servers and the expectation agree. */
    private static byte[] payload(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void matchesHttpApiOnJdkServerWithFixedLengthAndChunkedBodies() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            int status = Integer.parseInt(parts[2]);
            byte[] body = payload(Integer.parseInt(parts[3]));
            // The JDK server frames a response length of 0 as chunked, any other as Content-Length.
            exchange.sendResponseHeaders(status, parts[1].equals("chunked") ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (LeanHttpClient lean = new LeanHttpClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                TIMEOUT)) {
            HttpApi api = new HttpApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
            String[] paths = {"/fixed/200/1", "/chunked/200/0", "/chunked/200/1", "/fixed/200/70000",
                              "/chunked/200/70000", "/chunked/200/3000000", "/fixed/200/3000000", "/fixed/404/17",
                              "/chunked/503/100", "/fixed/200/5"};
            for (String path : paths) {
                HttpResult expected = api.get(path);
                int status = lean.get(path);
                assertEquals(expected.status(), status, path);
                assertEquals(expected.status(), lean.status(), path);
                assertEquals(expected.body().length, lean.bodyLength(), path);
                assertArrayEquals(expected.body(), Arrays.copyOf(lean.body(), lean.bodyLength()), path);
                assertArrayEquals(expected.body(), lean.result().body(), path);
            }
            assertEquals(1, lean.connections(), "all requests over one keep-alive connection");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void sendsMinimalKeepAliveRequest() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(List.of(Reply.keep(NEXT), Reply.keep(NEXT)));
             LeanHttpClient c = new LeanHttpClient(URI.create(server.uri() + "/prefix/"), TIMEOUT)) {
            c.get("/api/v1/query_range?query=up%7Bjob%3D%22a%22%7D&step=60.000");
            c.get("/x");
            String host = "Host: 127.0.0.1:" + server.uri().getPort() + "\r\n";
            assertEquals(List.of(
                    "GET /prefix/api/v1/query_range?query=up%7Bjob%3D%22a%22%7D&step=60.000 HTTP/1.1\r\n" + host
                            + "Connection: keep-alive\r\nUser-Agent: cairn-lean-client\r\n\r\n",
                    "GET /prefix/x HTTP/1.1\r\n" + host + "Connection: keep-alive\r\nUser-Agent: cairn-lean-client\r\n\r\n"),
                    server.requests());
            assertEquals(1, server.accepted());
        }
    }

    @Test
    void rejectsPathsThatAreNotEncoded() {
        LeanHttpClient c = new LeanHttpClient(URI.create("http://127.0.0.1:1"), TIMEOUT);
        for (String bad : new String[] {"api/v1/query", "/a b", "/caf\u00e9", "/a\r\nX: y"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.get(bad), bad);
            assertTrue(e.getMessage().contains("request path"), e.getMessage());
        }
        assertEquals(0, c.connections());
    }

    /** A well-formed answer, its expected status and body, and whether the connection is kept. */
    private record Good(String name, Reply reply, int status, String body, boolean reused) {}

    @Test
    void readsEdgeCaseAnswersAndDecidesKeepAlive() throws Exception {
        List<Good> cases = List.of(
                new Good("chunks with extensions and trailers", Reply.keep("HTTP/1.1 200 OK\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                        + "5;name=value\r\nhello\r\n1 ; x=\"q;\"\r\n,\r\na\r\n0123456789\r\n1A\r\n"
                        + "abcdefghijklmnopqrstuvwxyz\r\n0;last\r\nX-Trailer: t\r\nY: z\r\n\r\n"),
                        200, "hello,0123456789abcdefghijklmnopqrstuvwxyz", true),
                new Good("chunked, empty", Reply.keep("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n"),
                        200, "", true),
                new Good("header names in any case", Reply.keep("HTTP/1.1 200 OK\r\ncontent-LENGTH:3\r\n\r\nabc"),
                        200, "abc", true),
                new Good("bare LF line ends", Reply.keep("HTTP/1.1 200 OK\nContent-Length: 3\n\nabc"), 200, "abc", true),
                new Good("status line without reason", Reply.keep("HTTP/1.1 404\r\nContent-Length: 2\r\n\r\nno"),
                        404, "no", true),
                new Good("interim 100 skipped", Reply.keep("HTTP/1.1 100 Continue\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), 200, "ok", true),
                new Good("204 has no body", Reply.keep("HTTP/1.1 204 No Content\r\n\r\n"), 204, "", true),
                new Good("repeated equal Content-Length", Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                        + "Content-Length: 2\r\n\r\nok"), 200, "ok", true),
                new Good("Connection: close", Reply.keep("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"),
                        200, "ok", false),
                new Good("HTTP/1.0 without keep-alive", Reply.keep("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                        200, "ok", false),
                new Good("HTTP/1.0 with keep-alive", Reply.keep("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n"
                        + "Content-Length: 2\r\n\r\nok"), 200, "ok", true),
                new Good("body until close", Reply.thenClose("HTTP/1.1 200 OK\r\n\r\nuntil the end"),
                        200, "until the end", false),
                new Good("chunked beats Content-Length, connection dropped", Reply.keep("HTTP/1.1 200 OK\r\n"
                        + "Content-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"), 200, "ok", false));
        for (Good g : cases) {
            try (ScriptedHttpServer server = new ScriptedHttpServer(List.of(g.reply(), Reply.keep(NEXT)));
                 LeanHttpClient c = new LeanHttpClient(server.uri(), TIMEOUT)) {
                assertEquals(g.status(), c.get("/a"), g.name());
                assertEquals(g.body(), text(c), g.name());
                assertEquals(200, c.get("/b"), g.name());
                assertEquals("next", text(c), g.name());
                assertEquals(g.reused() ? 1 : 2, c.connections(), g.name() + ": connections");
            }
        }
    }

    /** A malformed answer and what the error must say. */
    private record Bad(String name, String reply, Class<? extends IOException> cause, String message) {}

    @Test
    void malformedAnswersRaiseClearErrors() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\n";
        String chunked = ok + "Transfer-Encoding: chunked\r\n\r\n";
        List<Bad> cases = List.of(
                new Bad("status code not digits", "HTTP/1.1 2OO OK\r\n\r\n", ProtocolException.class, "malformed status line"),
                new Bad("HTTP/2 status line", "HTTP/2 200\r\n\r\n", ProtocolException.class, "malformed status line"),
                new Bad("not HTTP", "SSH-2.0-OpenSSH\r\n", ProtocolException.class, "malformed status line: 'SSH-2.0"),
                new Bad("101", "HTTP/1.1 101 Switching Protocols\r\n\r\n", ProtocolException.class, "unexpected 101"),
                new Bad("Content-Length not a number", ok + "Content-Length: 12x\r\n\r\n", ProtocolException.class,
                        "malformed Content-Length: '12x'"),
                new Bad("negative Content-Length", ok + "Content-Length: -1\r\n\r\n", ProtocolException.class,
                        "malformed Content-Length"),
                new Bad("huge Content-Length", ok + "Content-Length: 99999999999\r\n\r\n", ProtocolException.class,
                        "malformed Content-Length"),
                new Bad("conflicting Content-Length", ok + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
                        ProtocolException.class, "conflicting Content-Length headers: 5 and 6"),
                new Bad("coded transfer", ok + "Transfer-Encoding: gzip, chunked\r\n\r\n", ProtocolException.class,
                        "unsupported Transfer-Encoding: gzip, chunked"),
                new Bad("header without colon", ok + "Bogus\r\n\r\n", ProtocolException.class, "malformed header line: 'Bogus'"),
                new Bad("space before colon", ok + "Content-Length : 2\r\n\r\nok", ProtocolException.class,
                        "malformed header line"),
                new Bad("header line too long", ok + "X: " + "y".repeat(20_000)
                        + "\r\n\r\n", ProtocolException.class, "header line longer than 16384 bytes"),
                new Bad("chunk size not hex", chunked + "zz\r\n", ProtocolException.class, "malformed chunk size line: 'zz'"),
                new Bad("chunk size with junk", chunked + "5 x\r\nhello\r\n0\r\n\r\n", ProtocolException.class,
                        "malformed chunk size line: '5 x'"),
                new Bad("chunk size too large", chunked + "FFFFFFFFFF\r\n", ProtocolException.class, "chunk size too large"),
                new Bad("chunk without CRLF", chunked + "5\r\nhelloX\r\n0\r\n\r\n", ProtocolException.class,
                        "chunk of 5 bytes not followed by CRLF"),
                new Bad("truncated fixed body", ok + "Content-Length: 10\r\n\r\nhello", EOFException.class,
                        "connection closed after 5 bytes of a body of Content-Length 10"),
                new Bad("truncated chunk", chunked + "5\r\nhel", EOFException.class,
                        "connection closed after 3 bytes of a chunk of 5 bytes"),
                new Bad("closed before last chunk", chunked + "2\r\nok\r\n", EOFException.class,
                        "connection closed in the middle of a chunk size line"),
                new Bad("closed in headers", ok + "Content-Le", EOFException.class,
                        "connection closed in the middle of a header line"),
                new Bad("closed without answer", "", EOFException.class, "the server closed the connection without answering"));
        for (Bad b : cases) {
            try (ScriptedHttpServer server = new ScriptedHttpServer(List.of(Reply.thenClose(b.reply()), Reply.keep(NEXT)));
                 LeanHttpClient c = new LeanHttpClient(server.uri(), TIMEOUT)) {
                UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> c.get("/q"), b.name());
                assertInstanceOf(b.cause(), e.getCause(), b.name() + ": " + e.getCause());
                assertTrue(e.getMessage().contains(b.message()), b.name() + ": " + e.getMessage());
                assertTrue(e.getMessage().startsWith("GET " + server.uri() + "/q: "), e.getMessage());
                // The failed connection is dropped; the client recovers on a new one.
                assertEquals(200, c.get("/q"), b.name());
                assertEquals("next", text(c), b.name());
                assertEquals(2, c.connections(), b.name());
            }
        }
    }

    @Test
    void extraBytesAfterAnAnswerAreAnError() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(
                List.of(Reply.keep("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"), Reply.keep(NEXT)));
             LeanHttpClient c = new LeanHttpClient(server.uri(), TIMEOUT)) {
            assertEquals(200, c.get("/a"));
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> c.get("/b"));
            assertInstanceOf(ProtocolException.class, e.getCause());
            assertTrue(e.getMessage().contains("5 unexpected bytes after the previous answer"), e.getMessage());
        }
    }

    @Test
    void reconnectsOnceWhenTheServerClosedAKeptConnection() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(List.of(
                Reply.thenClose("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"), Reply.keep(NEXT)));
             LeanHttpClient c = new LeanHttpClient(server.uri(), TIMEOUT)) {
            assertEquals(200, c.get("/a"));
            assertEquals("first", text(c));
            assertEquals(200, c.get("/b"));
            assertEquals("next", text(c));
            assertEquals(2, c.connections());
            assertEquals(2, server.accepted());
        }
    }

    @Test
    void doesNotRetryASecondTime() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(List.of(
                Reply.thenClose("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"), Reply.thenClose(""),
                Reply.keep(NEXT)));
             LeanHttpClient c = new LeanHttpClient(server.uri(), TIMEOUT)) {
            assertEquals(200, c.get("/a"));
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> c.get("/b"));
            assertTrue(e.getMessage().contains("the server closed the connection without answering"), e.getMessage());
            assertEquals(2, c.connections());
        }
    }

    @Test
    void readTimeoutWhenTheServerNeverAnswers() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(List.of());
             LeanHttpClient c = new LeanHttpClient(server.uri(), Duration.ofMillis(200))) {
            long start = System.nanoTime();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> c.get("/slow"));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
            assertTrue(e.getMessage().contains("no data from the server for 200 ms"), e.getMessage());
            assertTrue(elapsedMs >= 190, "timed out after " + elapsedMs + " ms");
            assertEquals(1, c.connections(), "a timeout is not retried");
        }
    }

    @Test
    void randomChunkingRoundTripsOnOneConnection() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Reply> replies = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] body = new byte[random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(300_000)];
            random.nextBytes(body);
            bodies.add(body);
            OutputBytes out = new OutputBytes();
            out.ascii("HTTP/1.1 200 OK\r\n");
            if (random.nextBoolean()) {
                out.ascii("Content-Length: " + body.length + "\r\n\r\n").bytes(body, 0, body.length);
            } else {
                out.ascii("Transfer-Encoding: chunked\r\n\r\n");
                for (int pos = 0; pos < body.length; ) {
                    int n = Math.min(body.length - pos, 1 + random.nextInt(random.nextBoolean() ? 16 : 100_000));
                    out.ascii(Integer.toHexString(n) + (random.nextInt(4) == 0 ? ";ext=" + n : "") + "\r\n")
                            .bytes(body, pos, n).ascii("\r\n");
                    pos += n;
                }
                out.ascii("0\r\n" + (random.nextBoolean() ? "Trailer-Field: x\r\n" : "") + "\r\n");
            }
            replies.add(new Reply(out.toByteArray(), false));
        }
        try (ScriptedHttpServer server = new ScriptedHttpServer(replies);
             LeanHttpClient c = new LeanHttpClient(server.uri(), TIMEOUT)) {
            for (int i = 0; i < bodies.size(); i++) {
                long before = System.nanoTime();
                assertEquals(200, c.get("/r" + i), "seed " + seed);
                long wall = System.nanoTime() - before;
                assertArrayEquals(bodies.get(i), Arrays.copyOf(c.body(), c.bodyLength()), "seed " + seed + " reply " + i);
                assertTrue(c.lastExchangeNanos() > 0 && c.lastExchangeNanos() <= wall,
                        "timed " + c.lastExchangeNanos() + " ns within " + wall + " ns");
            }
            assertEquals(1, c.connections(), "seed " + seed);
        }
    }

    /** A growable byte sink for building raw answers. */
    private static final class OutputBytes extends java.io.ByteArrayOutputStream {
        OutputBytes ascii(String s) {
            writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        OutputBytes bytes(byte[] b, int off, int len) {
            write(b, off, len);
            return this;
        }
    }
}
