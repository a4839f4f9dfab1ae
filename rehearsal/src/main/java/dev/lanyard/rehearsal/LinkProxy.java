package dev.lanyard.rehearsal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One door's network link to the server, as a loopback TCP forwarder: it can be slow (a byte
 * rate shared by all the door's connections, each way) and it can be cut (every connection
 * dropped, new ones refused) and healed. Bytes are forwarded through a fixed 16 KB buffer per
 * direction and connection, so a slow side holds the other back instead of filling memory.
 * TLS passes through untouched.
 */
final class LinkProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;
    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Throttle up;
    private final Throttle down;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    /** @param bytesPerSecond each way; 0 for unlimited */
    LinkProxy(String serverUrl, long bytesPerSecond) throws IOException {
        URI uri = URI.create(serverUrl);
        this.targetHost = uri.getHost();
        this.targetPort = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        this.up = new Throttle(bytesPerSecond);
        this.down = new Throttle(bytesPerSecond);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "link-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The server's URL as the door reaches it through this link. */
    String url(String serverUrl) {
        return URI.create(serverUrl).getScheme() + "://127.0.0.1:" + listener.getLocalPort();
    }

    void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    void heal() {
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
            Socket upstream = new Socket();
            // registered before connecting and the cut looked at after: a cut while the connection is being set up
            // either finds both sockets open or is seen below (it sets the flag before it closes what is open)
            open.add(client);
            open.add(upstream);
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
                if (cut) {
                    throw new IOException("cut while connecting");
                }
                pump(client, upstream, up);
                pump(upstream, client, down);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                open.remove(client);
                open.remove(upstream);
            }
        }
    }

    private void pump(Socket from, Socket to, Throttle throttle) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer, 0, throttle.chunk(BUFFER))) >= 0) {
                    throttle.pass(n);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException ignored) {
                // one side went away, or the link was cut: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "link-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** A byte rate shared by every connection of the link in one direction. */
    static final class Throttle {
        private final long bytesPerSecond;
        private long nextFreeNanos = System.nanoTime();

        Throttle(long bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
        }

        /** Reads in pieces of about a tenth of a second's worth, so one connection does not take the rate in bursts. */
        int chunk(int buffer) {
            return bytesPerSecond <= 0 ? buffer : (int) Math.max(1, Math.min(buffer, bytesPerSecond / 10));
        }

        /** Waits until {@code bytes} more fit the rate. */
        void pass(int bytes) throws InterruptedException {
            if (bytesPerSecond <= 0) {
                return;
            }
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long start = Math.max(now, nextFreeNanos);
                nextFreeNanos = start + bytes * 1_000_000_000L / bytesPerSecond;
                wait = start - now;
            }
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
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
