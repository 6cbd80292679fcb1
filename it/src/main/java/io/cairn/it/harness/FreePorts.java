package io.cairn.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses free TCP ports on 127.0.0.1 for processes the harness starts.
 *
 * <p>The kernel picks each port (bind to port 0); all ports of one call are held open at once so
 * they are distinct, and a port handed out once is never handed out again by this JVM, so two
 * nodes of one test cannot collide. Another program on the machine may still take a port between
 * this call and the node's bind; that race is inherent and shows up as a node failing to start.
 * Thread safe.
 */
public final class FreePorts {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int MAX_ATTEMPTS = 1000;

    private FreePorts() {}

    /** Returns {@code count} distinct ports that were free on 127.0.0.1 a moment ago. */
    public static int[] allocate(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        List<ServerSocket> held = new ArrayList<>();
        int[] ports = new int[count];
        try {
            int found = 0;
            for (int attempt = 0; found < count && attempt < MAX_ATTEMPTS; attempt++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    ports[found++] = socket.getLocalPort();
                }
            }
            if (found < count) {
                throw new IllegalStateException("could not find " + count + " free ports on 127.0.0.1");
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a probe socket on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // The port is released by the kernel either way.
                }
            }
        }
    }

    /** Returns one free port; see {@link #allocate(int)}. */
    public static int allocate() {
        return allocate(1)[0];
    }
}
