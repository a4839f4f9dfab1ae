package dev.lanyard.server.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many connections one client address may hold open at once (ADR 0243). A connection past its address's cap is
 * closed as soon as it is accepted: before a byte is read, so it costs no buffer and no thread. Connections hold no
 * thread while idle, but each holds a socket and its endpoint, and a client that sends a byte now and then is never
 * idle: without a cap one laptop on the guest Wi-Fi could hold every socket the process may open.
 *
 * <p>Exempt addresses are not counted: a reverse proxy (every door's connections come from it) and loopback (a proxy
 * or a rehearsal on this machine).
 */
public final class ConnectionCap extends AbstractLifeCycle implements SelectorManager.AcceptListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);
    private static final long LOG_AGAIN_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    private static final long LOG_ANOTHER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private final Server server;
    private final int perAddress;
    private final Predicate<InetAddress> exempt;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** The address each counted connection was counted under, until it closes. */
    private final Map<SelectableChannel, InetAddress> counted = new ConcurrentHashMap<>();
    /** Connections closed for their address's cap since start. */
    private final AtomicLong refused = new AtomicLong();
    /** The log names an address as it starts being refused and once a minute after; never twice in a second. */
    private volatile InetAddress lastNamed;
    private volatile long lastLoggedAt = System.nanoTime() - LOG_AGAIN_NANOS - 1;

    public ConnectionCap(Server server, int perAddress, Predicate<InetAddress> exempt) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("perAddress must be at least 1");
        }
        this.server = server;
        this.perAddress = perAddress;
        this.exempt = exempt;
    }

    /** Loopback (127.0.0.0/8, ::1), and the configured proxies, compared as {@link ClientAddress} compares them. */
    public static Predicate<InetAddress> exemptHostAndProxies(java.util.Set<String> trustedProxies) {
        java.util.Set<InetAddress> proxies = trustedProxies.stream().map(ClientAddress::literal)
                .flatMap(java.util.Optional::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());
        return address -> address.isLoopbackAddress() || proxies.contains(address);
    }

    @Override
    protected void doStart() throws Exception {
        // a server's beans start before its connectors, whose selectors take the listeners they hold then
        connectors().forEach(c -> c.addBean(this));
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        connectors().forEach(c -> c.removeBean(this));
        open.clear();
        counted.clear();
        super.doStop();
    }

    private java.util.List<AbstractConnector> connectors() {
        return java.util.Arrays.stream(server.getConnectors()).filter(AbstractConnector.class::isInstance)
                .map(AbstractConnector.class::cast).toList();
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        InetAddress address = remote(channel);
        if (address == null || exempt.test(address)) {
            return;
        }
        boolean[] admitted = new boolean[1];
        open.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perAddress) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (admitted[0]) {
            counted.put(channel, address);
            return;
        }
        long all = refused.incrementAndGet();
        long now = System.nanoTime();
        long since = now - lastLoggedAt;
        if (since > LOG_AGAIN_NANOS || !address.equals(lastNamed) && since > LOG_ANOTHER_NANOS) {
            lastNamed = address;
            lastLoggedAt = now;
            LOG.warn("{} holds {} connections, the most one address may; closing its new ones ({} refused in all"
                    + " since start)", address, perAddress, all);
        }
        try {
            channel.close(); // Jetty sees the closed channel, ends the accept and tells onAcceptFailed
        } catch (IOException e) {
            LOG.debug("closing a refused connection failed", e);
        }
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        release(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        release(channel);
    }

    private void release(SelectableChannel channel) {
        InetAddress address = counted.remove(channel);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    private static InetAddress remote(SelectableChannel channel) {
        try {
            return channel instanceof SocketChannel socket
                    && socket.getRemoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
        } catch (IOException closedAlready) {
            return null;
        }
    }
}
