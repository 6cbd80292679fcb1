package io.cairn.it.querybench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test HTTP responder that answers with exact bytes: for each request head it reads (up to the
 * empty line), it writes the next scripted {@link Reply}, then keeps the connection or closes it
 * as the reply says. Connections are served one at a time, in order, on one background thread;
 * requests are recorded as received. When the script is exhausted it reads on and answers nothing
 * (for timeout tests). {@link #close} stops the thread and drops any open connection.
 */
final class ScriptedHttpServer implements AutoCloseable {
    /** Bytes to answer one request with; {@code closeAfter} closes the connection once written. */
    record Reply(byte[] bytes, boolean closeAfter) {
        static Reply keep(String text) {
            return new Reply(text.getBytes(StandardCharsets.ISO_8859_1), false);
        }

        static Reply thenClose(String text) {
            return new Reply(text.getBytes(StandardCharsets.ISO_8859_1), true);
        }
    }

    private final ServerSocket listener;
    private final List<Reply> script;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Socket current;
    private volatile int accepted;

    ScriptedHttpServer(List<Reply> script) throws IOException {
        this.script = List.copyOf(script);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "scripted-http-server");
        thread.setDaemon(true);
        thread.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Request heads received so far, each with its line ends and final empty line. */
    List<String> requests() {
        return requests;
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted;
    }

    private void serve() {
        int next = 0;
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                current = s;
                accepted++;
                InputStream in = s.getInputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        break; // the client closed this connection
                    }
                    requests.add(head);
                    if (next == script.size()) {
                        continue; // out of script: never answer
                    }
                    Reply r = script.get(next++);
                    s.getOutputStream().write(r.bytes());
                    s.getOutputStream().flush();
                    if (r.closeAfter()) {
                        break;
                    }
                }
            } catch (IOException e) {
                // Listener closed or the client reset the connection: serve the next one, if any.
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
        thread.join(10_000);
    }
}
