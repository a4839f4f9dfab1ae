package dev.lanyard.kiosk.core.peer;

import dev.lanyard.kiosk.core.store.ReplicaWriters;
import dev.lanyard.kiosk.core.sync.ServerApi;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.model.protocol.PeerKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A door's part in the peer protocol for one event (ADR 0316, 0317): listens for peer doors,
 * keeps connecting to the static peers it was given, runs the anti-entropy exchange and the
 * bounded gossip push. All protocol work runs on one "peer" thread; sockets have their own
 * reader and writer threads ({@link PeerConnection}).
 */
public final class PeerNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerNode.class);
    /** Page bounds of a delta (ADR 0316). */
    static final int PAGE_ITEMS = 500;
    static final long PAGE_BYTES = 1_000_000;
    /** How long a connecting peer may take over its TLS handshake (a LAN handshake takes milliseconds). */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a connected peer may say nothing before it is dropped: a door gone off the network without closing
     * (its Wi-Fi lost, its lid shut) leaves a connection that would otherwise hold its slot and its reader for ever.
     * Each side sends an empty line after a third of it in silence, so a quiet door keeps its connection (ADR 0347).
     */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(30);
    /** How many accepted connections may be in their handshake at once (ADR 0318). */
    static final int PENDING_HANDSHAKES = 8;
    /** How many peer connections a door keeps at most: a hall's doors, with room to spare. */
    static final int MAX_CONNECTIONS = 32;
    /** Connections one door may hold here at once: its live one and the one it opens after losing it. */
    static final int MAX_CONNECTIONS_PER_DOOR = 2;
    /**
     * Frames of all connections waiting for this node's thread, those of connections already dropped included: a
     * door that keeps reconnecting cannot leave more behind (ADR 0354).
     */
    private final Semaphore handling = new Semaphore(PeerConnection.IN_FLIGHT * MAX_CONNECTIONS);
    /** A push to a few peers, a dial: each waits on the node's thread at most once, however often it is asked for. */
    private final AtomicBoolean pushPending = new AtomicBoolean();
    private final AtomicBoolean dialPending = new AtomicBoolean();
    private final AtomicBoolean keysPending = new AtomicBoolean();
    private final PeerReplica log;
    private final PeerCredentials credentials;
    private final PeerTrust trust;
    private final ServerApi server;
    private final Clock clock;
    private final Options options;
    private final SSLContext tls;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-peer");
        t.setDaemon(true);
        return t;
    });
    /** Server calls wait on the network: never on the peer thread. */
    private final ScheduledExecutorService serverThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lanyard-peer-keys");
        t.setDaemon(true);
        return t;
    });
    private final Set<PeerConnection> connections = ConcurrentHashMap.newKeySet();
    /** Held while a connection takes a slot: the door's share and the total are checked and taken at once. */
    private final Object slots = new Object();
    private final Set<InetSocketAddress> dialling = ConcurrentHashMap.newKeySet();
    /** Accepted sockets still in their handshake, oldest first (ADR 0318); the TCP ones, which close at once. */
    private final java.util.LinkedHashSet<Socket> handshaking = new java.util.LinkedHashSet<>();
    private final Random random = new SecureRandom();
    private volatile ServerSocket listener;
    private final java.util.concurrent.atomic.AtomicInteger refusedHandshakes =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile PeerDiscovery discovery;
    private volatile long keysAskedAt;
    private volatile boolean closed;

    /**
     * @param listenPort   0 for any free port, -1 for none
     * @param staticPeers  doors to keep connecting to (networks that block multicast)
     * @param exchangeEvery how often an anti-entropy exchange runs with one random peer
     * @param serverEvery  how often the peer key is registered and the event's keys are fetched while the server
     * answers
     * @param handshakeTimeout how long an accepted connection may take over its TLS handshake
     * @param pendingHandshakes how many accepted connections may be in their handshake at once
     * @param silenceLimit how long a connected peer may say nothing before it is dropped
     * @param discoverOn   the address whose interface DNS-SD runs on (ADR 0318); null for no discovery
     */
    public record Options(int listenPort, List<InetSocketAddress> staticPeers, int fanOut, Duration exchangeEvery,
                          Duration serverEvery, Duration handshakeTimeout, int pendingHandshakes,
                          Duration silenceLimit, InetAddress discoverOn) {
        public Options {
            staticPeers = List.copyOf(staticPeers);
            if (pendingHandshakes < 1) {
                throw new IllegalArgumentException("at least one handshake must be allowed");
            }
            if (silenceLimit.toMillis() < 3) {
                throw new IllegalArgumentException("a silence limit needs room for a keepalive");
            }
        }

        public Options(int listenPort, List<InetSocketAddress> staticPeers, int fanOut, Duration exchangeEvery,
                       Duration serverEvery) {
            this(listenPort, staticPeers, fanOut, exchangeEvery, serverEvery, HANDSHAKE_TIMEOUT, PENDING_HANDSHAKES,
                    SILENCE_LIMIT, null);
        }

        public Options withHandshakes(Duration timeout, int pending) {
            return new Options(listenPort, staticPeers, fanOut, exchangeEvery, serverEvery, timeout, pending,
                    silenceLimit, discoverOn);
        }

        public Options withSilenceLimit(Duration limit) {
            return new Options(listenPort, staticPeers, fanOut, exchangeEvery, serverEvery, handshakeTimeout,
                    pendingHandshakes, limit, discoverOn);
        }

        /** With DNS-SD discovery on the interface of {@code address}, or without (null). */
        public Options discoveringOn(InetAddress address) {
            return new Options(listenPort, staticPeers, fanOut, exchangeEvery, serverEvery, handshakeTimeout,
                    pendingHandshakes, silenceLimit, address);
        }

        /** Parses HOST:PORT arguments (unresolved: a host name is looked up at each dial). */
        public static List<InetSocketAddress> addresses(List<String> peers) {
            List<InetSocketAddress> out = new ArrayList<>();
            for (String peer : peers) {
                int colon = peer.lastIndexOf(':');
                if (colon <= 0 || colon == peer.length() - 1) {
                    throw new IllegalArgumentException("--peer must be HOST:PORT, not " + peer);
                }
                try {
                    int port = Integer.parseInt(peer.substring(colon + 1));
                    if (port < 1 || port > 65_535) {
                        throw new NumberFormatException();
                    }
                    out.add(InetSocketAddress.createUnresolved(peer.substring(0, colon), port));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--peer must end in a port 1-65535, not " + peer);
                }
            }
            return out;
        }

        /** As a door runs: discovering on its LAN address, if it has one. */
        public static Options of(int listenPort, List<InetSocketAddress> staticPeers) {
            return new Options(listenPort, staticPeers, Gossip.DEFAULT_FAN_OUT, Duration.ofSeconds(1),
                    Duration.ofSeconds(10)).discoveringOn(PeerDiscovery.lanAddress().orElse(null));
        }
    }

    public PeerNode(PeerReplica log, PeerCredentials credentials, PeerTrust trust, ServerApi server, Clock clock,
            Options options) {
        this.log = log;
        this.credentials = credentials;
        this.trust = trust;
        this.server = server;
        this.clock = clock;
        this.options = options;
        try {
            this.tls = SSLContext.getInstance("TLSv1.3");
            tls.init(credentials.keyManagers(), new TrustManager[] {trust}, new SecureRandom());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS 1.3 is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Connections dropped in their handshake since start (a key not accepted, a stranger, a stall): a test
     * that a refused door's redials stay refused waits for one more of these rather than for some time.
     */
    public int refusedHandshakes() {
        return refusedHandshakes.get();
    }

    /** The port peers reach this door on, once listening; -1 when it does not listen. */
    public int port() {
        ServerSocket s = listener;
        return s == null ? -1 : s.getLocalPort();
    }

    public void start() throws IOException {
        if (options.listenPort() >= 0) {
            // plain TCP: each accepted socket gets TLS layered over it, so its connection can cut it (ADR 0351)
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(options.listenPort()));
            listener = server;
            Thread accept = new Thread(this::acceptLoop, "lanyard-peer-accept");
            accept.setDaemon(true);
            accept.start();
        }
        if (options.discoverOn() != null) {
            try {
                discovery = PeerDiscovery.start(options.discoverOn(), log.eventId(), credentials.publicKeySha256(),
                        port(), key -> trust.accepted(key).isPresent(), this::wakeDialling);
            } catch (IOException e) {
                // static peers still work; a door without multicast is what they are for
                LOG.warn("peer discovery on {} not started: {}", options.discoverOn().getHostAddress(), e.getMessage());
            }
        }
        trust.onUnknownKey(this::askForKeysSoon);
        serverThread.scheduleWithFixedDelay(this::talkToServer, 0, options.serverEvery().toMillis(),
                TimeUnit.MILLISECONDS);
        long every = options.exchangeEvery().toMillis();
        thread.scheduleWithFixedDelay(KeepRunning.of("dialling", this::dialPeers), 0, every, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(KeepRunning.of("the exchange", this::exchangeWithOne), every, every,
                TimeUnit.MILLISECONDS);
    }

    /** New items were made here: push them to a few peers at once (after the commit). */
    public void wake() {
        if (!closed && pushPending.compareAndSet(false, true)) {
            thread.execute(() -> {
                pushPending.set(false);
                pushToFew();
            });
        }
    }

    /** A connected peer door that has spoken, and when it was last heard from (epoch millis). */
    public record Peer(String deviceId, String name, long lastHeardMillis) {
    }

    /**
     * What the sync bar says: how many doors are talking with this one, and whether each last
     * said it holds exactly what this door holds ("in step").
     */
    public record Summary(int doorsNearby, boolean inStep, List<Peer> doors) {
        public Summary {
            doors = List.copyOf(doors);
        }
    }

    public Summary summary() {
        VersionVector mine = log.vector();
        List<Peer> doors = peers();
        boolean inStep = connections.stream().filter(c -> c.open() && c.introduced)
                .allMatch(c -> c.announced.equals(mine));
        return new Summary(doors.size(), inStep, doors);
    }

    /** How many of this node's connections, introduced or not, are with {@code deviceId}'s door. */
    public int connectionsOf(String deviceId) {
        return (int) connections.stream().filter(c -> c.open() && deviceId.equals(c.deviceId())).count();
    }

    public List<Peer> peers() {
        List<Peer> out = new ArrayList<>();
        connections.stream().filter(c -> c.open() && c.introduced)
                .forEach(c -> out.add(new Peer(c.deviceId(), c.name(), c.lastHeard())));
        return out;
    }

    /**
     * At most every 2 s, whatever knocks, and never a second ask queued behind one waiting: with the server unreachable
     * each ask takes its connect timeout, and asks queued every 2 s piled up for the whole outage.
     */
    private void askForKeysSoon() {
        long now = clock.millis();
        if (!closed && now - keysAskedAt > 2_000 && keysPending.compareAndSet(false, true)) {
            keysAskedAt = now;
            serverThread.execute(() -> {
                keysPending.set(false);
                talkToServer();
            });
        }
    }

    private void talkToServer() {
        keysAskedAt = clock.millis();
        try {
            server.registerPeerKey(credentials.publicKeyBase64());
            Set<String> revokedBefore = trust.revokedKeys();
            trust.update(server.peerKeys(log.eventId()));
            dropNoLongerAccepted();
            if (!revokedBefore.containsAll(trust.revokedKeys())) {
                // doors that cannot reach the server learn it from this one (ADR 0319)
                thread.execute(this::tellRevoked);
            }
        } catch (SyncException e) {
            LOG.debug("peer keys: server not reached: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("peer keys: {}", e.toString());
        }
    }

    /** A door revoked since it connected is dropped now; its redials fail the handshake. */
    private void dropNoLongerAccepted() {
        for (PeerConnection c : connections) {
            if (trust.accepted(c.keySha256()).isEmpty()) {
                LOG.warn("peer {} is no longer accepted (revoked or no longer listed); dropping it", c.deviceId());
                c.distrust();
            }
        }
    }

    /** Every talking peer is told the revocations this door knows. */
    private void tellRevoked() {
        Set<String> revoked = trust.revokedKeys();
        if (!revoked.isEmpty()) {
            connections.stream().filter(c -> c.open() && c.introduced)
                    .forEach(c -> c.send(PeerMessage.revoked(log.eventId(), revoked)));
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                makeRoomFor(socket);
                Thread handshake = new Thread(() -> {
                    try {
                        open(socket, null);
                    } finally {
                        synchronized (handshaking) {
                            handshaking.remove(socket);
                        }
                    }
                }, "lanyard-peer-handshake");
                handshake.setDaemon(true);
                handshake.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("peer listener: {}", e.getMessage());
                }
            }
        }
    }

    /**
     * At most {@link Options#pendingHandshakes()} accepted connections are in their handshake:
     * a newcomer drops the oldest. A door's handshake takes milliseconds, so callers that stall
     * are the ones dropped, and a real door gets in however many strangers stall (ADR 0318).
     */
    private void makeRoomFor(Socket socket) {
        Socket oldest = null;
        synchronized (handshaking) {
            if (handshaking.size() >= options.pendingHandshakes()) {
                oldest = handshaking.iterator().next();
                handshaking.remove(oldest);
            }
            handshaking.add(socket);
        }
        if (oldest != null) {
            LOG.info("peer listener: {} handshakes pending; dropping the oldest ({})", options.pendingHandshakes(),
                    oldest.getRemoteSocketAddress());
            try {
                oldest.close();
            } catch (IOException ignored) {
                // its handshake thread ends on the closed socket
            }
        }
    }

    /** Called for each change discovery sees (a LAN host may make many): one dial waits at a time. */
    private void wakeDialling() {
        if (!closed && dialPending.compareAndSet(false, true)) {
            thread.execute(() -> {
                dialPending.set(false);
                dialPeers();
            });
        }
    }

    /** The static peers, and the doors discovery found that this door is the one to dial. */
    private void dialPeers() {
        for (InetSocketAddress address : options.staticPeers()) {
            if (connections.stream().noneMatch(c -> address.equals(c.remote))) {
                dial(address);
            }
        }
        PeerDiscovery d = discovery;
        if (d == null) {
            return;
        }
        String mine = credentials.publicKeySha256();
        d.found().forEach((key, addresses) -> {
            // an advert is anyone's word: only a door the server listed is dialled (the handshake would refuse any
            // other), so adverts cannot make this door start a dial per address they name
            if (trust.accepted(key).isEmpty()) {
                askForKeysSoon(); // a door paired since the list was fetched may be on the server's now
                return;
            }
            // of two listening doors only the one with the smaller key dials: one connection per pair
            boolean mineToDial = port() < 0 || mine.compareTo(key) < 0;
            if (mineToDial && connections.stream().noneMatch(c -> c.open() && key.equals(c.keySha256()))) {
                // each address an advert gave the key: a copy of a door's advert elsewhere fails its handshake
                addresses.forEach(this::dial);
            }
        });
    }

    private void dial(InetSocketAddress address) {
        if (!dialling.add(address)) {
            return;
        }
        Thread dial = new Thread(() -> {
            try {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), 2_000);
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                PeerConnection c = open(socket, address.getHostString());
                if (c != null) {
                    c.remote = address;
                }
            } catch (IOException e) {
                LOG.debug("peer {}: {}", address, e.getMessage());
            } finally {
                dialling.remove(address);
            }
        }, "lanyard-peer-dial");
        dial.setDaemon(true);
        dial.start();
    }

    /**
     * One door holds at most {@link #MAX_CONNECTIONS_PER_DOOR} of the slots: a door that connects again has usually
     * lost its older connection (a Wi-Fi drop leaves it half open, unheard), so the one heard from least long ago goes,
     * and a door opening connection after connection cannot fill the slots other doors need.
     */
    private void makeRoomForAnotherOf(String sha) {
        List<PeerConnection> same = connections.stream().filter(c -> sha.equals(c.keySha256())).toList();
        if (same.size() >= MAX_CONNECTIONS_PER_DOOR) {
            PeerConnection quietest = same.stream().min(java.util.Comparator.comparingLong(PeerConnection::lastHeard))
                    .orElseThrow();
            connections.remove(quietest);
            quietest.close();
        }
    }

    /**
     * Layers TLS over a connected TCP socket, completes the handshake (the trust manager refuses anyone not a door of
     * this event) and starts talking. The TCP socket is kept apart so that closing never waits on TLS (ADR 0351).
     *
     * @param dialledHost the host this door dialled, null for a socket its listener accepted
     */
    private PeerConnection open(Socket tcp, String dialledHost) {
        try {
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(tcp,
                    dialledHost == null ? tcp.getInetAddress().getHostAddress() : dialledHost, tcp.getPort(), true);
            if (dialledHost == null) {
                socket.setUseClientMode(false);
                socket.setNeedClientAuth(true);
            }
            // a caller that never finishes the handshake must not hold its thread for ever
            socket.setSoTimeout((int) options.handshakeTimeout().toMillis());
            socket.startHandshake();
            socket.setSoTimeout((int) options.silenceLimit().toMillis());
            String sha = PeerCredentials.sha256(socket.getSession().getPeerCertificates()[0].getPublicKey());
            PeerKey key = trust.accepted(sha).orElseThrow(() -> new IOException("peer key no longer accepted"));
            PeerConnection c;
            // handshakes finishing together each saw room and each took it: the share is checked and taken at once
            synchronized (slots) {
                makeRoomForAnotherOf(sha);
                if (connections.size() >= MAX_CONNECTIONS || closed) {
                    tcp.close();
                    return null;
                }
                c = new PeerConnection(tcp, socket, key.deviceId(), key.name(), sha, clock,
                        options.silenceLimit().dividedBy(3));
                connections.add(c);
            }
            if (closed || trust.accepted(sha).isEmpty()) {
                // close() went through the connections before this one was added, or a revocation learned since the
                // check above dropped the doors it found then (dropNoLongerAccepted), this one not among them
                connections.remove(c);
                c.close();
                return null;
            }
            try {
                c.start(thread, handling, this::handle, connections::remove);
                thread.execute(() -> c.send(PeerMessage.want(log.eventId(), log.vector())));
            } catch (RejectedExecutionException closedMeanwhile) {
                // the node closed between the check above and here (a revoked door wiping itself while it dialled)
                c.close();
                return null;
            }
            LOG.info("peer {} ({}) connected", key.deviceId(), key.name());
            return c;
        } catch (IOException e) {
            refusedHandshakes.incrementAndGet();
            LOG.info("peer refused or unreachable ({}): {}", tcp.getRemoteSocketAddress(), e.getMessage());
            try {
                // the TCP socket: the TLS one's close could wait on a peer that does not read
                tcp.close();
            } catch (IOException ignored) {
                // gone anyway
            }
            return null;
        }
    }

    private void handle(PeerConnection c, PeerMessage message) {
        try {
            if (!log.eventId().equals(message.event())) {
                LOG.warn("peer {} spoke of event {}, not {}; dropping it", c.deviceId(), message.event(),
                        log.eventId());
                c.distrust();
                return;
            }
            if (PeerMessage.WANT.equals(message.type())) {
                VersionVector theirs = VersionVector.fromPeer(message.vector() == null ? java.util.Map.of()
                        : message.vector());
                // what it holds now, not every origin it ever named: merged with earlier wants, known grew with each
                // want a door made up; it holds one want and what was sent since (ADR 0352)
                c.known = theirs;
                c.announced = theirs;
                if (!c.introduced) {
                    c.introduced = true;
                    LOG.info("peer {} ({}) is talking", c.deviceId(), c.name());
                    Set<String> revoked = trust.revokedKeys();
                    if (!revoked.isEmpty()) {
                        c.send(PeerMessage.revoked(log.eventId(), revoked));
                    }
                }
                sendDelta(c, theirs, true);
            } else if (PeerMessage.REVOKED.equals(message.type()) && message.revoked() != null) {
                if (trust.learnRevoked(message.revoked())) {
                    LOG.warn("peer {} passed on revocations this door had not seen; passing them on", c.deviceId());
                    dropNoLongerAccepted();
                    tellRevoked();
                }
            } else if (PeerMessage.ITEMS.equals(message.type()) && message.items() != null) {
                PeerReplica.Received received = log.receive(message.items(), c.askedPast);
                c.known = c.known.merge(received.vector());
                boolean more = Boolean.TRUE.equals(message.reply()) && !Boolean.TRUE.equals(message.complete());
                // a run of pages (replies) ends with a complete one; the next run asks past nothing it has not met
                // again. A push between pages is no part of the run and leaves it be
                if (Boolean.TRUE.equals(message.reply())) {
                    c.askedPast = more ? received.askWith() : VersionVector.EMPTY;
                }
                if (received.gap() || more) {
                    c.send(PeerMessage.want(log.eventId(), received.askWith()));
                }
                if (received.fresh() > 0) {
                    LOG.info("peer {}: {} new items", c.deviceId(), received.fresh());
                    pushToFew();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("peer {}: {}", c.deviceId(), e.toString());
            c.close();
        }
    }

    private void sendDelta(PeerConnection c, VersionVector theirs, boolean reply) {
        AntiEntropy.Delta delta = log.delta(theirs, PAGE_ITEMS, PAGE_BYTES);
        if (delta.items().isEmpty() && !reply) {
            return;
        }
        c.send(PeerMessage.items(log.eventId(), delta.items(), delta.complete(), reply));
        for (PeerItem item : delta.items()) {
            c.known = c.known.with(item.origin(), Math.max(c.known.get(item.origin()), item.counter()));
        }
    }

    /** Gossip: what a few peers are not known to hold goes to them unasked. */
    private void pushToFew() {
        List<PeerConnection> open = connections.stream().filter(PeerConnection::open).toList();
        VersionVector mine = log.vector();
        // a peer not yet introduced by its first want would be sent everything; its want comes within a round trip
        List<PeerConnection> behind = open.stream().filter(c -> c.introduced && !c.known.covers(mine)).toList();
        for (PeerConnection c : Gossip.targets(behind, options.fanOut(), random)) {
            sendDelta(c, c.known, false);
        }
    }

    /** Anti-entropy: one random peer is asked for what this door lacks (and answers in kind with its own want). */
    private void exchangeWithOne() {
        List<PeerConnection> open = connections.stream().filter(PeerConnection::open).toList();
        if (!open.isEmpty()) {
            open.get(random.nextInt(open.size())).send(PeerMessage.want(log.eventId(), log.vector()));
        }
    }

    @Override
    public void close() {
        closed = true;
        PeerDiscovery d = discovery;
        if (d != null) {
            d.close();
        }
        ServerSocket s = listener;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.forEach(PeerConnection::close);
        serverThread.shutdown();
        ReplicaWriters.stop(thread, Duration.ofSeconds(5));
        ReplicaWriters.stop(serverThread, Duration.ofSeconds(15));
    }
}
