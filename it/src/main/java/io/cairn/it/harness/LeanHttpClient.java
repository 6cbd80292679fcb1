package io.cairn.it.harness;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 GET client over one keep-alive socket, for timing servers rather
 * than a client: the calling thread writes the request and reads the answer itself (no selector
 * thread, no executor hand-offs), and the body lands in one reused, growing byte array.
 *
 * <p>Each {@link #get} writes {@code GET <path> HTTP/1.1} with {@code Host} and
 * {@code Connection: keep-alive}, reads the status line and headers (skipping interim 1xx
 * answers) and the whole body, framed by {@code Transfer-Encoding: chunked} (extensions and
 * trailers accepted and ignored), {@code Content-Length}, or the end of the connection. No
 * content coding is asked for, so none is decoded. The connection is kept for the next request
 * unless the server says {@code Connection: close}, answers HTTP/1.0 without keep-alive, or
 * frames the body by closing. If a reused connection turns out to be closed by the server
 * (failure before the first byte of the answer), the request is sent once more on a new
 * connection; GET is idempotent, so this is safe.
 *
 * <p>Timing ({@link #lastExchangeNanos}): from just before the request is written to the last
 * byte of the body read, like curl's {@code time_total} on a reused connection. Connecting is
 * not included (after a reconnect the interval starts on the new connection); {@link #connections}
 * tells how often it happened.
 *
 * <p>Errors: malformed answers raise UncheckedIOException caused by a ProtocolException naming
 * what was wrong; a read that waits longer than the read timeout raises one caused by
 * SocketTimeoutException; after any error the connection is closed. Request paths must already
 * be percent-encoded printable ASCII (IllegalArgumentException otherwise).
 *
 * <p>Not thread safe: one instance per sending thread. The array returned by {@link #body()} is
 * owned by this client and overwritten by the next request.
 */
public final class LeanHttpClient implements Closeable {
    /** Longest status, header, chunk-size or trailer line accepted, in bytes. */
    static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int MAX_HEADER_LINES = 256;
    private static final int MAX_BODY_BYTES = Integer.MAX_VALUE - 16;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final String host;
    private final int port;
    private final String basePath;
    private final byte[] requestHeaders;
    private final int readTimeoutMs;
    private final String origin;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] readBuffer = new byte[64 * 1024];
    private int readPos;
    private int readLimit;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private long bytesThisExchange;

    private byte[] body = new byte[64 * 1024];
    private int bodyLength;
    private int status;
    private long lastExchangeNanos;
    private int connections;

    // Framing of the answer being read, set by readHeaders.
    private long contentLength;
    private boolean chunked;
    private boolean keepAlive;
    private boolean http10;

    /**
     * A client of the server at {@code base} (e.g. http://127.0.0.1:8428, optionally with a path
     * prefix). {@code readTimeout} bounds each wait for bytes from the server, not the whole answer.
     * Connects lazily, on the first request.
     */
    public LeanHttpClient(URI base, Duration readTimeout) {
        if (!"http".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("want an http://host:port URI, got " + base);
        }
        String h = base.getHost();
        this.host = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.readTimeoutMs = Math.toIntExact(Math.max(1, readTimeout.toMillis()));
        this.origin = "http://" + h + ":" + port;
        this.requestHeaders = (" HTTP/1.1\r\nHost: " + h + ":" + port + "\r\nConnection: keep-alive\r\n"
                + "User-Agent: cairn-lean-client\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends {@code GET basePath + pathAndQuery} and reads the whole answer.
     *
     * @return the HTTP status code; the body is in {@link #body()} up to {@link #bodyLength()}
     */
    public int get(String pathAndQuery) {
        byte[] request = encodeRequest(pathAndQuery);
        try {
            boolean reused = socket != null;
            if (!reused) {
                connect();
            }
            try {
                exchange(request);
            } catch (IOException e) {
                if (!reused || !closedBeforeAnswer(e)) {
                    throw e;
                }
                closeQuietly();
                connect();
                exchange(request);
            }
            if (!keepAlive) {
                closeQuietly();
            }
            return status;
        } catch (IOException e) {
            closeQuietly();
            String what = e instanceof SocketTimeoutException
                    ? "no data from the server for " + readTimeoutMs + " ms"
                    : e.getMessage();
            throw new UncheckedIOException("GET " + origin + basePath + pathAndQuery + ": " + what, e);
        }
    }

    /** Status code of the last answer. */
    public int status() {
        return status;
    }

    /** The body of the last answer in [0, {@link #bodyLength()}); owned by this client, reused. */
    public byte[] body() {
        return body;
    }

    public int bodyLength() {
        return bodyLength;
    }

    /** A copy of the last answer, detached from the client's buffer. */
    public HttpResult result() {
        return new HttpResult(status, Arrays.copyOf(body, bodyLength));
    }

    /** Nanoseconds from just before writing the last request to its last body byte read. */
    public long lastExchangeNanos() {
        return lastExchangeNanos;
    }

    /** How many connections this client has opened so far (1 when keep-alive held throughout). */
    public int connections() {
        return connections;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private byte[] encodeRequest(String pathAndQuery) {
        String target = basePath + pathAndQuery;
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("request path must start with '/': " + pathAndQuery);
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "request path has character U+%04X at %d; percent-encode it: %s", (int) c, i, target));
            }
        }
        byte[] request = new byte[4 + target.length() + requestHeaders.length];
        request[0] = 'G';
        request[1] = 'E';
        request[2] = 'T';
        request[3] = ' ';
        for (int i = 0; i < target.length(); i++) {
            request[4 + i] = (byte) target.charAt(i);
        }
        System.arraycopy(requestHeaders, 0, request, 4 + target.length(), requestHeaders.length);
        return request;
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(readTimeoutMs);
            in = s.getInputStream();
            out = s.getOutputStream();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        readPos = 0;
        readLimit = 0;
        connections++;
    }

    /**
     * True if a failure on a reused connection means the server had closed it before reading our
     * request: nothing of an answer arrived, and it was neither a timeout nor a malformed answer.
     */
    private boolean closedBeforeAnswer(IOException e) {
        return bytesThisExchange == 0 && !(e instanceof SocketTimeoutException) && !(e instanceof ProtocolException);
    }

    private void exchange(byte[] request) throws IOException {
        if (readPos != readLimit) {
            throw new ProtocolException((readLimit - readPos) + " unexpected bytes after the previous answer");
        }
        bytesThisExchange = 0;
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        readHead();
        readBody();
        lastExchangeNanos = System.nanoTime() - start;
    }

    /** Status line and headers of the final (non-1xx) answer. */
    private void readHead() throws IOException {
        do {
            readStatusLine();
            readHeaders();
        } while (status >= 100 && status < 200);
    }

    private void readStatusLine() throws IOException {
        int n = readLine("status line");
        // "HTTP/1.x SSS[ reason]"
        if (n < 12 || !startsWith(line, "HTTP/1.") || !isDigit(line[7]) || line[8] != ' '
                || !isDigit(line[9]) || !isDigit(line[10]) || !isDigit(line[11]) || (n > 12 && line[12] != ' ')) {
            throw new ProtocolException("malformed status line: '" + text(line, 0, Math.min(n, 200)) + "'");
        }
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        if (status == 101) {
            throw new ProtocolException("unexpected 101 Switching Protocols");
        }
        http10 = line[7] == '0';
        keepAlive = !http10; // HTTP/1.1 persists by default, HTTP/1.0 only if asked
    }

    private void readHeaders() throws IOException {
        contentLength = -1;
        chunked = false;
        boolean transferEncoding = false;
        for (int count = 0; ; count++) {
            if (count == MAX_HEADER_LINES) {
                throw new ProtocolException("more than " + MAX_HEADER_LINES + " header lines");
            }
            int n = readLine("header");
            if (n == 0) {
                break;
            }
            int colon = indexOf(line, n, (byte) ':');
            if (colon <= 0 || line[colon - 1] == ' ' || line[colon - 1] == '\t' || line[0] == ' ' || line[0] == '\t') {
                throw new ProtocolException("malformed header line: '" + text(line, 0, Math.min(n, 200)) + "'");
            }
            int vs = colon + 1;
            int ve = n;
            while (vs < ve && (line[vs] == ' ' || line[vs] == '\t')) {
                vs++;
            }
            while (ve > vs && (line[ve - 1] == ' ' || line[ve - 1] == '\t')) {
                ve--;
            }
            if (nameIs(colon, "content-length")) {
                long v = parseContentLength(vs, ve);
                if (contentLength >= 0 && contentLength != v) {
                    throw new ProtocolException("conflicting Content-Length headers: " + contentLength + " and " + v);
                }
                contentLength = v;
            } else if (nameIs(colon, "transfer-encoding")) {
                transferEncoding = true;
                String codings = text(line, vs, ve).toLowerCase(Locale.ROOT);
                String last = codings.substring(codings.lastIndexOf(',') + 1).trim();
                if (!last.equals("chunked") || codings.indexOf(',') >= 0) {
                    // We ask for no codings, so anything but plain chunked is a server mistake.
                    throw new ProtocolException("unsupported Transfer-Encoding: " + codings);
                }
                chunked = true;
            } else if (nameIs(colon, "connection")) {
                for (String token : text(line, vs, ve).toLowerCase(Locale.ROOT).split(",")) {
                    String t = token.trim();
                    if (t.equals("close")) {
                        keepAlive = false;
                    } else if (t.equals("keep-alive") && http10) {
                        keepAlive = true;
                    }
                }
            }
        }
        if (transferEncoding && contentLength >= 0) {
            // RFC 9112 6.3: chunked wins, but such a message may be an attack; don't reuse the connection.
            contentLength = -1;
            keepAlive = false;
        }
    }

    private long parseContentLength(int from, int to) throws ProtocolException {
        if (from == to || to - from > 10) {
            throw new ProtocolException("malformed Content-Length: '" + text(line, from, to) + "'");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(line[i])) {
                throw new ProtocolException("malformed Content-Length: '" + text(line, from, to) + "'");
            }
            v = v * 10 + (line[i] - '0');
        }
        if (v > MAX_BODY_BYTES) {
            throw new ProtocolException("Content-Length " + v + " exceeds the client's limit of " + MAX_BODY_BYTES);
        }
        return v;
    }

    private void readBody() throws IOException {
        bodyLength = 0;
        if (status == 204 || status == 304) {
            return; // no body by definition, whatever the headers say
        }
        if (chunked) {
            readChunks();
        } else if (contentLength >= 0) {
            readBodyBytes((int) contentLength, "body of Content-Length " + contentLength);
        } else {
            readUntilClosed();
            keepAlive = false;
        }
    }

    private void readChunks() throws IOException {
        while (true) {
            int n = readLine("chunk size");
            int size = parseChunkSize(n);
            if (size == 0) {
                break;
            }
            if (size > MAX_BODY_BYTES - bodyLength) {
                throw new ProtocolException("chunked body exceeds the client's limit of " + MAX_BODY_BYTES + " bytes");
            }
            readBodyBytes(size, "chunk of " + size + " bytes");
            if (readLine("end of chunk") != 0) {
                throw new ProtocolException("chunk of " + size + " bytes not followed by CRLF");
            }
        }
        // Trailer fields, ignored, up to the empty line.
        for (int count = 0; readLine("trailer") != 0; count++) {
            if (count == MAX_HEADER_LINES) {
                throw new ProtocolException("more than " + MAX_HEADER_LINES + " trailer lines");
            }
        }
    }

    /** The hex size at the start of a chunk-size line of {@code n} bytes; extensions after ';' ignored. */
    private int parseChunkSize(int n) throws ProtocolException {
        long size = 0;
        int i = 0;
        for (; i < n; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                break;
            }
            size = size * 16 + d;
            if (size > MAX_BODY_BYTES) {
                throw new ProtocolException("chunk size too large: '" + text(line, 0, Math.min(n, 40)) + "'");
            }
        }
        int digits = i;
        while (i < n && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        if (digits == 0 || (i < n && line[i] != ';')) {
            throw new ProtocolException("malformed chunk size line: '" + text(line, 0, Math.min(n, 200)) + "'");
        }
        return (int) size;
    }

    /** Appends exactly {@code n} bytes of the answer to the body. */
    private void readBodyBytes(int n, String what) throws IOException {
        ensureBodyCapacity(n);
        int buffered = Math.min(n, readLimit - readPos);
        System.arraycopy(readBuffer, readPos, body, bodyLength, buffered);
        readPos += buffered;
        bodyLength += buffered;
        int remaining = n - buffered;
        while (remaining > 0) {
            // Large remainders go straight into the body, skipping the read buffer.
            int r = in.read(body, bodyLength, remaining);
            if (r < 0) {
                throw new EOFException("connection closed after " + (n - remaining) + " bytes of a " + what);
            }
            bytesThisExchange += r;
            bodyLength += r;
            remaining -= r;
        }
    }

    private void readUntilClosed() throws IOException {
        int buffered = readLimit - readPos;
        ensureBodyCapacity(buffered);
        System.arraycopy(readBuffer, readPos, body, 0, buffered);
        readPos = readLimit;
        bodyLength = buffered;
        while (true) {
            ensureBodyCapacity(1);
            int r = in.read(body, bodyLength, body.length - bodyLength);
            if (r < 0) {
                return;
            }
            bytesThisExchange += r;
            bodyLength += r;
        }
    }

    private void ensureBodyCapacity(int more) throws ProtocolException {
        long needed = (long) bodyLength + more;
        if (needed > MAX_BODY_BYTES) {
            throw new ProtocolException("body exceeds the client's limit of " + MAX_BODY_BYTES + " bytes");
        }
        if (needed > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(MAX_BODY_BYTES, Math.max(needed, 2L * body.length)));
        }
    }

    /**
     * Reads one line into {@link #line} without its line end (CRLF, or a bare LF, which RFC 9112
     * lets recipients accept) and returns its length.
     */
    private int readLine(String what) throws IOException {
        int n = 0;
        while (true) {
            if (readPos == readLimit && !fill()) {
                throw new EOFException(bytesThisExchange == 0
                        ? "the server closed the connection without answering"
                        : "connection closed in the middle of a " + what + " line");
            }
            byte b = readBuffer[readPos++];
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == MAX_LINE_BYTES) {
                throw new ProtocolException(what + " line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line[n++] = b;
        }
    }

    private boolean fill() throws IOException {
        int r = in.read(readBuffer, 0, readBuffer.length);
        if (r < 0) {
            return false;
        }
        readPos = 0;
        readLimit = r;
        bytesThisExchange += r;
        return true;
    }

    private boolean nameIs(int nameLength, String lowerName) {
        if (nameLength != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int n, byte b) {
        for (int i = 0; i < n; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private void closeQuietly() {
        Socket s = socket;
        socket = null;
        in = null;
        out = null;
        readPos = 0;
        readLimit = 0;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Nothing to do about a failing close of a connection we are abandoning.
            }
        }
    }
}
