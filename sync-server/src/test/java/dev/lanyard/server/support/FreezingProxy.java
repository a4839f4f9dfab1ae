package dev.lanyard.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy that can freeze some of its connections: their sockets stay open and nothing more passes either way,
 * as when a NAT or firewall forgets an idle connection (no reset reaches either end). A connection is picked by
 * what its client has sent (e.g. PostgreSQL's plain-text "LISTEN").
 */
public final class FreezingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    public FreezingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "freezing-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Freezes every connection whose client has sent {@code text} so far; returns how many. */
    public int freezeWhereClientSent(String text) {
        int frozen = 0;
        for (Link link : links) {
            if (link.sent.toString().contains(text)) {
                link.frozen = true;
                frozen++;
            }
        }
        return frozen;
    }

    private void accept() {
        while (open) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                Link link = new Link(client, server);
                links.add(link);
                pump(client, server, link, true);
                pump(server, client, link, false);
            } catch (IOException e) {
                if (open) {
                    continue;
                }
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, Link link, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromClient && link.sent.length() < 1 << 16) {
                        link.sent.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    while (link.frozen && !from.isClosed()) {
                        Thread.sleep(50); // hold what came; the other end never hears of it
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one end went away
            } finally {
                close(from);
                close(to);
            }
        }, "freezing-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        listener.close();
        for (Link link : links) {
            close(link.client);
            close(link.server);
        }
    }

    private static final class Link {
        final StringBuffer sent = new StringBuffer();
        final Socket client;
        final Socket server;
        volatile boolean frozen;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }
    }
}
