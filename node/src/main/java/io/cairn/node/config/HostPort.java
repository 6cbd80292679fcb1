package io.cairn.node.config;

/** A {@code host:port} listen or peer address given on the command line. */
public record HostPort(String host, int port) {

    /** @throws IllegalArgumentException naming the flag and the bad text */
    public static HostPort parse(String flag, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(
                    "-" + flag + "=\"" + text + "\": want host:port, e.g. 127.0.0.1:8428");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new HostPort(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-" + flag + "=\"" + text + "\": port must be a number in 0..65535");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
