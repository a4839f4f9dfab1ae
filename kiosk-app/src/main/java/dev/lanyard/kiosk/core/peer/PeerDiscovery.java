package dev.lanyard.kiosk.core.peer;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds peer doors of the same event on the LAN by DNS-SD over mDNS (ADR 0318): a door
 * advertises {@value #TYPE} with its peer port and a TXT record of two hashes, the event's
 * ({@code e}) and its own peer key's ({@code k}), and browses for the same type. What it finds
 * is only an address to dial: whom to trust stays with {@link PeerTrust} in the TLS handshake,
 * so an advertisement that lies gets no further than a stranger on a static peer list.
 */
public final class PeerDiscovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerDiscovery.class);
    public static final String TYPE = "_lanyard-door._tcp.local.";
    static final String EVENT = "e";
    static final String KEY = "k";
    /**
     * Doors kept from adverts: a venue has tens of doors; adverts beyond these are ignored until some leave, unless
     * their key is an accepted door's, which then takes the place of one that is not.
     */
    static final int MAX_FOUND = 256;
    private final JmDNS dns;
    private final String eventHash;
    private final String keyHash;
    /**
     * Addresses one key is kept at: anyone may advertise a door's key at another address (a copy of its advert), so the
     * last advert does not replace the others; the dial tries each, and only the door itself passes the handshake.
     */
    static final int ADDRESSES_PER_KEY = 4;
    /** Doors of this event found on the LAN, by their key hash: the address each service advertising it gave. */
    private final Map<String, LinkedHashMap<String, InetSocketAddress>> found = new HashMap<>();
    private final Runnable onChange;
    private final Predicate<String> accepted;

    /**
     * @param dns      null only in tests that hand adverts to {@link #offer} themselves
     * @param accepted whether a key hash is an accepted door's ({@link PeerTrust#accepted})
     */
    PeerDiscovery(JmDNS dns, String eventHash, String keyHash, Predicate<String> accepted, Runnable onChange) {
        this.dns = dns;
        this.eventHash = eventHash;
        this.keyHash = keyHash;
        this.accepted = accepted;
        this.onChange = onChange;
    }

    /**
     * Advertises this door on {@code address}'s interface and starts browsing.
     *
     * @param port     the door's peer port; 0 or less to browse only (a door that does not listen)
     * @param onChange told (on a jmDNS thread) when a door of the event is found or gone
     */
    public static PeerDiscovery start(InetAddress address, UUID eventId, String keySha256, int port,
                                      Predicate<String> accepted, Runnable onChange) throws IOException {
        return start(address, eventHash(eventId), keySha256, port, accepted, onChange);
    }

    static PeerDiscovery start(InetAddress address, String eventHash, String keySha256, int port,
                               Predicate<String> accepted, Runnable onChange) throws IOException {
        String name = serviceName(keySha256);
        JmDNS dns = JmDNS.create(address, name);
        PeerDiscovery discovery = new PeerDiscovery(dns, eventHash, keySha256, accepted, onChange);
        dns.addServiceListener(TYPE, discovery.listener());
        if (port > 0) {
            dns.registerService(ServiceInfo.create(TYPE, name, port, 0, 0, Map.of(EVENT, eventHash, KEY, keySha256)));
            LOG.info("peer discovery: advertising {} on {} port {}", TYPE, address.getHostAddress(), port);
        } else {
            LOG.info("peer discovery: browsing for {} on {}", TYPE, address.getHostAddress());
        }
        return discovery;
    }

    /** The service name a door of this key advertises under. */
    static String serviceName(String keySha256) {
        return "lanyard-door-" + keySha256.substring(0, 12);
    }

    /** The door's own name, or the name jmDNS gave it when another advert held that one ("name (2)"). */
    private static boolean isDoorsOwn(String service, String key) {
        String own = serviceName(key);
        return service.equals(own) || service.startsWith(own + " (") && service.endsWith(")");
    }

    /**
     * The event as advertised: a hash, so the LAN learns only that some doors belong together,
     * not which event (event ids appear in URLs and exports).
     */
    public static String eventHash(UUID eventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("lanyard-peer-event:" + eventId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Doors of this event found so far, by key hash (this door excluded), with the addresses adverts gave them. */
    public synchronized Map<String, List<InetSocketAddress>> found() {
        Map<String, List<InetSocketAddress>> copy = new HashMap<>();
        found.forEach((key, byService) -> copy.put(key, List.copyOf(new LinkedHashSet<>(byService.values()))));
        return copy;
    }

    private ServiceListener listener() {
        return new ServiceListener() {
            @Override
            public void serviceAdded(ServiceEvent event) {
                // resolving (SRV, TXT, A) is asked for here; the answer comes to serviceResolved
                event.getDNS().requestServiceInfo(event.getType(), event.getName(), 1_000);
            }

            @Override
            public void serviceRemoved(ServiceEvent event) {
                removed(event.getName());
            }

            @Override
            public void serviceResolved(ServiceEvent event) {
                resolved(event.getInfo());
            }
        };
    }

    private void resolved(ServiceInfo info) {
        Inet4Address[] v4 = info.getInet4Addresses();
        InetAddress[] any = info.getInetAddresses();
        InetAddress host = v4.length > 0 ? v4[0] : any.length > 0 ? any[0] : null;
        if (host == null || info.getPort() <= 0) {
            return;
        }
        offer(info.getPropertyString(EVENT), info.getPropertyString(KEY), info.getName(),
                new InetSocketAddress(host, info.getPort()));
    }

    /**
     * An advert of {@code service} resolved: anyone on the network may send one, so only a key of the right form is
     * kept, so many, and at so many addresses; a service's later advert moves only its own address.
     */
    void offer(String event, String key, String service, InetSocketAddress address) {
        if (!eventHash.equals(event) || key == null || key.equals(keyHash)
                || !PeerTrust.KEY_HASH.matcher(key).matches() || service == null) {
            return;
        }
        boolean changed;
        synchronized (this) {
            if (found.size() >= MAX_FOUND && !found.containsKey(key) && !(accepted.test(key) && makeRoom())) {
                // a stranger advertising keys by the hundred kept the event's own doors out until some left
                return;
            }
            LinkedHashMap<String, InetSocketAddress> byService = found.computeIfAbsent(key, k -> new LinkedHashMap<>());
            InetSocketAddress before = byService.remove(service);
            if (before == null && byService.size() >= ADDRESSES_PER_KEY) {
                // copies fill the key's room and keep it: the door's own advert, under the name a door of this key
                // advertises with, takes the place of the oldest copy, and a copy takes no one's
                if (!isDoorsOwn(service, key)) {
                    return;
                }
                byService.remove(byService.keySet().iterator().next());
            }
            byService.put(service, address);
            changed = !address.equals(before);
        }
        if (changed) {
            LOG.info("peer discovery: door {}... at {}", key.substring(0, 12), address);
            onChange.run();
        }
    }

    /** A service's advert left: only the address it gave goes (another's copy of a key does not remove the door). */
    void removed(String service) {
        boolean changed = false;
        synchronized (this) {
            for (var it = found.entrySet().iterator(); it.hasNext();) {
                var entry = it.next();
                if (entry.getValue().remove(service) != null) {
                    changed = true;
                    if (entry.getValue().isEmpty()) {
                        it.remove();
                        LOG.info("peer discovery: door {}... left", entry.getKey().substring(0, 12));
                    }
                }
            }
        }
        if (changed) {
            onChange.run();
        }
    }

    /** Forgets one kept door whose key is not an accepted door's; false when every kept key is accepted. */
    private boolean makeRoom() {
        for (String kept : found.keySet()) {
            if (!accepted.test(kept)) {
                found.remove(kept);
                return true;
            }
        }
        return false;
    }

    /**
     * The address to advertise on when none is given: the first IPv4 address of an interface
     * that is up, not loopback and multicast-capable (a door's LAN), if any.
     */
    public static Optional<InetAddress> lanAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || !nic.supportsMulticast()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("peer discovery: cannot list network interfaces: {}", e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            dns.unregisterAllServices();
            dns.close();
        } catch (IOException e) {
            LOG.debug("peer discovery: {}", e.getMessage());
        }
    }
}
