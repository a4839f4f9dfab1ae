package dev.lanyard.kiosk.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder between one kiosk and the server, for partitions: {@link #cut()}
 * drops every open connection and refuses new ones (as a dead uplink would), {@link #heal()}
 * lets traffic through again. The kiosk sees real connection failures, not a flag.
 * {@link #refusing} makes one that closes plain-HTTP connections whose first request is for a
 * path, as a venue proxy that breaks WebSockets would.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final String refusedPath;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this(targetPort, null);
    }

    private TcpProxy(int targetPort, String refusedPath) throws IOException {
        this.targetPort = targetPort;
        this.refusedPath = refusedPath;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes every connection whose first request line asks for {@code path} (plain HTTP only). */
    public static TcpProxy refusing(int targetPort, String path) throws IOException {
        return new TcpProxy(targetPort, path);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + port();
    }

    public void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    public void heal() {
        cut = false;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            if (refusedPath == null) {
                forward(client, new byte[0]);
            } else {
                // reading the request line must not hold up the other connections' accepts
                Thread t = new Thread(() -> screen(client), "tcp-proxy-screen");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private void screen(Socket client) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            InputStream in = client.getInputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && head.size() < 8_192) {
                head.write(b);
            }
            if (b == '\n') {
                head.write(b);
            }
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        String requestLine = head.toString(StandardCharsets.ISO_8859_1);
        if (requestLine.contains(" " + refusedPath)) {
            closeQuietly(client);
        } else {
            forward(client, head.toByteArray());
        }
    }

    private void forward(Socket client, byte[] alreadyRead) {
        try {
            Socket upstream = new Socket();
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
            open.add(client);
            open.add(upstream);
            upstream.getOutputStream().write(alreadyRead);
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
