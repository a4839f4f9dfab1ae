package dev.lanyard.print;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port nothing listens on, held for as long as this is open: a socket is bound to it but
 * neither listens nor connects, so a connection to it is refused and no other process can take the
 * port meanwhile (a port found free and released would be free for anyone until the test dials it).
 */
public final class ClosedPort implements AutoCloseable {
    private final Socket holder = new Socket();

    public ClosedPort() {
        try {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return holder.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}. */
    public String target() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() throws IOException {
        holder.close();
    }
}
