package dev.lanyard.server.realtime;

import dev.lanyard.model.Event;
import dev.lanyard.model.json.InvalidMessageException;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.auth.AccessPolicy;
import dev.lanyard.server.auth.DeviceRevokedException;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.feed.ChangeHub;
import dev.lanyard.server.feed.FeedReader;
import dev.lanyard.server.auth.TokenAuthenticator;
import dev.lanyard.server.ops.Metrics;
import dev.lanyard.server.sync.EventService;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime WebSocket. A client authenticates first, then subscribes to events with the
 * last seq it holds; the server sends the backlog and then every committed change, in seq
 * order, with no gap and no duplicate. Ordering comes from one rule: a subscription only ever
 * queues what it reads from the change table after its own last queued seq, one pump at a time.
 * Hub signals merely say "look again", so a lost, late or doubled signal cannot break it.
 *
 * <p>Nothing here waits for a client's socket: frames go through each client's bounded
 * {@link ClientOutbox}, a pump queues a page only when there is room for it, and a client that
 * falls behind (its queue full, or one frame outstanding longer than the send timeout) is
 * disconnected with a close reason; it resumes from its own seq when it reconnects. So kiosks
 * whose network stalled cannot delay another kiosk's changes or heartbeats (ADR 0212).
 *
 * <p>A live subscription ({@code subscribe_live}, ADR 0236) gets no backlog and no pages: only the check-ins doors
 * pushed as fresh, as each such push commits, out of seq order. A door catching up on a long feed on its other socket
 * sees the room's new scans through this one within a second. A live frame that finds the client's queue full is
 * dropped, not the client: the feed brings the same check-ins in order anyway.
 */
public final class Realtime implements ChangeHub.Listener, AutoCloseable {
    public static final int POLICY_VIOLATION = 1008;
    /**
     * The error a revoked device's socket gets (HTTP answers it as 401 with the same code): the kiosk erases its
     * replica (ADR 0315).
     */
    public static final String DEVICE_REVOKED = "device_revoked";
    private static final Logger LOG = LoggerFactory.getLogger(Realtime.class);
    /** Close code for a client that fell behind: "try again later" (RFC 6455). */
    public static final int TOO_SLOW = 1013;
    /**
     * Close code for a client whose feed could not be read: the server sends each change once, so the client
     * reconnects and subscribes again from the seq it holds rather than wait for the event's next change.
     */
    public static final int SERVER_ERROR = 1011;
    private static final int PAGE = 1_000;
    /**
     * Frames a client may have waiting. Data frames are paced (at most {@link #PAGES_AHEAD} per
     * subscription), so only a flood of control answers (auth_ok, subscribed, errors) fills this.
     */
    static final int MAX_QUEUED_FRAMES = 32;
    /** Pages a subscription queues ahead of what the client took: one being written, one ready. */
    static final int PAGES_AHEAD = 2;
    /**
     * Pumps only read the database and queue frames, never touch a socket, so a few suffice; four
     * leave most of the connection pool ({@code ServerConfig.dbPoolSize}, 10) to pushes and pulls.
     */
    static final int PUMP_THREADS = 4;
    /** A disconnected client gets this long for its close frame before the connection is dropped. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private final TokenAuthenticator auth;
    private final EventService events;
    private final AccessPolicy policy;
    private final FeedReader feed;
    private final Metrics metrics;
    private final Duration authTimeout;
    private final Duration sendTimeout;
    private final Clock clock;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    /** Past the expiry instant, so the re-check sees the token expired by the same clock. */
    private static final long EXPIRY_MARGIN_MILLIS = 50;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            daemon(r, "lanyard-ws-timer"));
    private final ExecutorService pumps = Executors.newFixedThreadPool(PUMP_THREADS, r -> daemon(r, "lanyard-ws-pump"));
    /** Live signals waiting to be sent; more are dropped (the feed brings the same ops), ADR 0236. */
    static final int MAX_WAITING_LIVE = 1_000;
    /**
     * Live frames have a thread of their own: behind the pumps' page reads (fifty catching-up doors in a storm) a
     * fresh check-in would wait as long as the pages do.
     */
    private final ExecutorService live;

    /** @param sendTimeout a client whose frame is outstanding longer than this is behind and is disconnected */
    public Realtime(TokenAuthenticator auth, EventService events, AccessPolicy policy, FeedReader feed, Metrics metrics,
                    Duration heartbeat, Duration authTimeout, Duration sendTimeout, Clock clock) {
        this.auth = auth;
        this.events = events;
        this.policy = policy;
        this.feed = feed;
        this.metrics = metrics;
        this.live = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(MAX_WAITING_LIVE), r -> daemon(r, "lanyard-ws-live"),
                (signal, executor) -> metrics.liveDropped());
        this.authTimeout = authTimeout;
        this.sendTimeout = sendTimeout;
        this.clock = clock;
        long period = Math.max(10, heartbeat.toMillis());
        timer.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        long check = Math.max(10, Math.min(1_000, sendTimeout.toMillis() / 4));
        timer.scheduleAtFixedRate(this::dropStuckClients, check, check, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            Client client = new Client(ctx);
            clients.put(ctx.sessionId(), client);
            metrics.wsOpened();
            timer.schedule(() -> {
                if (client.principal == null && client.open) {
                    client.fail("unauthorized", "authenticate within " + authTimeout.toSeconds() + " s");
                }
            }, authTimeout.toMillis(), TimeUnit.MILLISECONDS);
        });
        ws.onMessage(ctx -> {
            Client client = clients.get(ctx.sessionId());
            if (client != null) {
                client.receive(ctx.message());
            }
        });
        ws.onClose(ctx -> {
            Client client = clients.remove(ctx.sessionId());
            if (client != null) {
                client.open = false;
                client.outbox.close();
                metrics.wsClosed();
            }
        });
        ws.onError(ctx -> LOG.debug("websocket error on {}", ctx.sessionId(), ctx.error()));
    }

    @Override
    public void changesCommitted(UUID eventId, long lastSeq) {
        for (Client client : clients.values()) {
            Subscription sub = client.subscriptions.get(eventId);
            if (sub != null && !sub.live && sub.lastSent < lastSeq) {
                client.schedulePump(sub);
            }
        }
    }

    @Override
    public void liveCommitted(UUID eventId, long[] seqs) {
        boolean anyone = false;
        for (Client client : clients.values()) {
            Subscription sub = client.subscriptions.get(eventId);
            anyone |= sub != null && sub.live;
        }
        if (anyone && seqs.length > 0) {
            // off the committing writer's thread: one database read for every live socket of the event
            live.execute(() -> sendLive(eventId, seqs));
        }
    }

    /** What became of a live frame offered to one client. */
    private enum LiveOutcome { NOT_SUBSCRIBED, QUEUED, DROPPED }

    private void sendLive(UUID eventId, long[] seqs) {
        try {
            String frame = liveFrame(eventId, seqs);
            if (frame == null) {
                return;
            }
            for (Client client : clients.values()) {
                switch (client.sendLive(eventId, frame)) {
                    case QUEUED -> metrics.liveSent();
                    case DROPPED -> metrics.liveDropped();
                    case NOT_SUBSCRIBED -> { }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("live delivery for event {} failed; the feed brings the same check-ins", eventId, e);
        }
    }

    /** The frame of those seqs' changes, read from the change table; null when none is there. */
    private String liveFrame(UUID eventId, long[] seqs) {
        long first = java.util.Arrays.stream(seqs).min().orElseThrow();
        long last = java.util.Arrays.stream(seqs).max().orElseThrow();
        java.util.Set<Long> wanted = new java.util.HashSet<>();
        for (long seq : seqs) {
            wanted.add(seq);
        }
        // a fresh push's check-ins are a run of seqs, its patches' participants at most among them
        int span = (int) Math.min(last - first + 1, PAGE);
        StringBuilder out = new StringBuilder(1024);
        out.append("{\"type\":\"live\",\"eventId\":\"").append(eventId).append("\",\"changes\":[");
        int written = 0;
        for (FeedReader.RawChange change : feed.page(eventId, first - 1, span).changes()) {
            if (wanted.contains(change.seq())) {
                out.append(written++ == 0 ? "" : ",");
                change.writeJson(out);
            }
        }
        return written == 0 ? null : out.append("]}").toString();
    }

    @Override
    public void deviceRevoked(UUID deviceId) {
        for (Client client : clients.values()) {
            if (client.principal instanceof Principal.Device d && d.deviceId().equals(deviceId)) {
                client.fail(DEVICE_REVOKED, new DeviceRevokedException(deviceId).getMessage());
            }
        }
    }

    @Override
    public void sessionsEnded(String username) {
        for (Client client : clients.values()) {
            if (client.principal instanceof Principal.User u && u.username().equals(username)) {
                client.recheck();
            }
        }
    }

    @Override
    public void accessChanged(String username) {
        for (Client client : clients.values()) {
            if (client.principal instanceof Principal.User u && u.username().equals(username)) {
                // off the caller's thread: one database read per subscription
                pumps.execute(client::recheck);
            }
        }
    }

    @Override
    public void recheckAll() {
        for (Client client : clients.values()) {
            if (client.principal != null) {
                // off the caller's thread: one database read per socket
                pumps.execute(client::recheck);
            }
        }
    }

    /** Doors with an authenticated WebSocket open now. */
    public java.util.Set<UUID> connectedDevices() {
        java.util.Set<UUID> doors = new java.util.HashSet<>();
        for (Client client : clients.values()) {
            if (client.principal instanceof Principal.Device d) {
                doors.add(d.deviceId());
            }
        }
        return doors;
    }

    public int connections() {
        return clients.size();
    }

    private void heartbeat() {
        String beat = Json.write(new WsMessage.Heartbeat(clock.millis()));
        for (Client client : clients.values()) {
            if (client.principal != null) {
                client.outbox.offerHeartbeat(beat);
            }
        }
    }

    private void dropStuckClients() {
        long now = System.nanoTime();
        for (Client client : clients.values()) {
            if (client.outbox.outstandingNanos(now) > sendTimeout.toNanos()) {
                client.disconnect("too slow: a frame was not taken within " + sendTimeout.toSeconds() + " s");
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pumps.shutdownNow();
        live.shutdownNow();
        for (Client client : clients.values()) {
            client.closeQuietly(1001, "server shutting down");
        }
    }

    private static final class Subscription {
        final UUID eventId;
        /** Only fresh check-ins, never pumped (ADR 0236). */
        final boolean live;
        volatile long lastSent;
        final AtomicBoolean pending = new AtomicBoolean();
        /** The pump stopped for want of room in the outbox; the next sent frame restarts it. */
        final AtomicBoolean awaitingRoom = new AtomicBoolean();

        Subscription(UUID eventId, long afterSeq, boolean live) {
            this.eventId = eventId;
            this.lastSent = afterSeq;
            this.live = live;
        }
    }

    private final class Client {
        private final WsContext ctx;
        private final ClientOutbox outbox;
        private final Map<UUID, Subscription> subscriptions = new ConcurrentHashMap<>();
        private volatile Principal principal;
        /** Kept to re-check the socket whenever its principal's access may have ended. */
        private volatile String token;
        private volatile boolean open = true;

        Client(WsContext ctx) {
            this.ctx = ctx;
            this.outbox = new ClientOutbox((text, done) -> ctx.session.sendText(text,
                    Callback.from(() -> done.accept(null), done)),
                    MAX_QUEUED_FRAMES, this::frameSent, failure -> {
                        LOG.debug("websocket send to {} failed", ctx.sessionId(), failure);
                        disconnect("send failed");
                    });
        }

        private void frameSent() {
            for (Subscription sub : subscriptions.values()) {
                if (sub.awaitingRoom.compareAndSet(true, false)) {
                    schedulePump(sub);
                }
            }
        }

        void receive(String text) {
            WsMessage message;
            try {
                message = Json.read(text, WsMessage.class);
            } catch (InvalidMessageException e) {
                error("invalid_message", e.getMessage());
                return;
            }
            if (message instanceof WsMessage.Auth a) {
                if (principal != null) {
                    // a second token would swap whom the socket's subscriptions serve, out of reach of the
                    // checks that end the first one's access (and each costs a token lookup)
                    fail("unauthorized", "a socket authenticates once; open another for another token");
                    return;
                }
                Optional<Principal> who;
                try {
                    who = auth.fromToken(a.token());
                } catch (DeviceRevokedException e) {
                    fail(DEVICE_REVOKED, e.getMessage());
                    return;
                }
                if (who.isEmpty()) {
                    fail("unauthorized", "token is invalid, expired or revoked");
                    return;
                }
                token = a.token();
                principal = who.get();
                // a revocation or an ended session committed after the check above reached only the sockets whose
                // principal was set, not this one: now that it is set, a second look sees what the first missed
                recheck();
                if (!open) {
                    return;
                }
                // an expired token must not keep receiving attendee data on a socket opened before
                auth.expiresAt(token).ifPresent(expiry -> timer.schedule(() -> pumps.execute(this::recheck),
                        Math.max(0, expiry.toEpochMilli() - clock.millis()) + EXPIRY_MARGIN_MILLIS,
                        TimeUnit.MILLISECONDS));
                send(Json.write(new WsMessage.AuthOk(principal.name(), clock.millis())));
                return;
            }
            if (principal == null) {
                fail("unauthorized", "send {\"type\":\"auth\",\"token\":...} first");
                return;
            }
            if (message instanceof WsMessage.Subscribe s) {
                subscribe(s.eventId(), s.afterSeq(), false);
            } else if (message instanceof WsMessage.SubscribeLive s) {
                subscribe(s.eventId(), 0, true);
            } else if (message instanceof WsMessage.Unsubscribe u) {
                subscriptions.remove(u.eventId());
            } else {
                error("invalid_message", "clients may send auth, subscribe, subscribe_live and unsubscribe");
            }
        }

        private void subscribe(UUID eventId, long afterSeq, boolean live) {
            Optional<Event> event = events.findLive(eventId);
            if (event.isEmpty() || !policy.canSee(principal, event.get())) {
                error("not_found", "event " + eventId + " not found");
                return;
            }
            Subscription sub = new Subscription(eventId, afterSeq, live);
            // pages and live frames are queued under this lock too, so none goes ahead of the answer; and the
            // subscription exists before the answer is written, so a change committed after the client read it is
            // never missed (a live frame is sent only to subscriptions that exist when its push commits)
            synchronized (this) {
                subscriptions.put(eventId, sub);
                if (!send(Json.write(new WsMessage.Subscribed(eventId, afterSeq)))) {
                    subscriptions.remove(eventId, sub);
                    return;
                }
            }
            // access taken away while it was checked reached only the subscriptions that existed then: look again
            Optional<Event> again = events.findLive(eventId);
            if (again.isEmpty() || !policy.canSee(principal, again.get())) {
                endSubscription(eventId);
                return;
            }
            if (!live) {
                schedulePump(sub);
            }
        }

        /** Queues a live frame for a live subscriber of the event; a full queue drops the frame, not the client. */
        LiveOutcome sendLive(UUID eventId, String frame) {
            Subscription sub = subscriptions.get(eventId);
            if (sub == null || !sub.live || !open) {
                return LiveOutcome.NOT_SUBSCRIBED;
            }
            synchronized (this) {
                // under the client's lock, like a page: nothing of an ended subscription is queued after its end
                if (subscriptions.get(eventId) != sub) {
                    return LiveOutcome.NOT_SUBSCRIBED;
                }
                if (!outbox.offer(frame)) {
                    LOG.debug("live frame for {} dropped: its queue is full", ctx.sessionId());
                    return LiveOutcome.DROPPED;
                }
                return LiveOutcome.QUEUED;
            }
        }

        void schedulePump(Subscription sub) {
            if (sub.pending.compareAndSet(false, true)) {
                try {
                    pumps.execute(() -> {
                        sub.pending.set(false);
                        pump(sub);
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    sub.pending.set(false);
                }
            }
        }

        /** Queues what follows the subscription's last queued seq, a page at a time while the outbox has room. */
        private void pump(Subscription sub) {
            try {
                synchronized (sub) {
                    while (open && subscriptions.get(sub.eventId) == sub) {
                        if (!roomFor(sub)) {
                            return;
                        }
                        FeedReader.RawPage page = feed.page(sub.eventId, sub.lastSent, PAGE);
                        if (page.changes().isEmpty()) {
                            return;
                        }
                        StringBuilder out = new StringBuilder(4096);
                        out.append("{\"type\":\"changes\",\"eventId\":\"").append(sub.eventId)
                                .append("\",\"changes\":[");
                        for (int i = 0; i < page.changes().size(); i++) {
                            if (i > 0) {
                                out.append(',');
                            }
                            page.changes().get(i).writeJson(out);
                        }
                        out.append("],\"lastSeq\":").append(page.lastSeq()).append('}');
                        synchronized (this) {
                            if (subscriptions.get(sub.eventId) != sub || !send(out.toString())) {
                                return;
                            }
                        }
                        // counted when queued: a frame is written within the send timeout or its client is dropped
                        page.changes().forEach(c -> metrics.feedDelivered(c.committedAt()));
                        sub.lastSent = page.lastSeq();
                        if (!page.hasMore()) {
                            return;
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("realtime delivery for event {} failed; closing client {} so it subscribes again",
                        sub.eventId, ctx.sessionId(), e);
                closeQuietly(SERVER_ERROR, "the feed could not be read; subscribe again");
            }
        }

        /** True when a page may be queued now; otherwise the next sent frame schedules the pump again. */
        private boolean roomFor(Subscription sub) {
            if (outbox.queued() < PAGES_AHEAD) {
                return true;
            }
            sub.awaitingRoom.set(true);
            // a frame sent between the check and the flag would not have seen the flag: look once more
            if (outbox.queued() < PAGES_AHEAD && sub.awaitingRoom.compareAndSet(true, false)) {
                return true;
            }
            return false;
        }

        /** Queues one text frame; a client whose queue is full is behind and is disconnected. */
        boolean send(String text) {
            if (!open) {
                return false;
            }
            if (!outbox.offer(text)) {
                disconnect("too slow: " + MAX_QUEUED_FRAMES + " frames waiting");
                return false;
            }
            return true;
        }

        /** Ends one subscription the principal may no longer see; told as a subscribe to it would be answered. */
        private void endSubscription(UUID eventId) {
            synchronized (this) {
                // under the client's lock, like the pump's send: no page of the event is queued after this
                if (subscriptions.remove(eventId) == null) {
                    return;
                }
            }
            LOG.info("realtime client {} may no longer see event {}; its subscription ended", ctx.sessionId(), eventId);
            error("not_found", "event " + eventId + " not found");
        }

        void error(String code, String message) {
            send(Json.write(new WsMessage.Error(code, message)));
        }

        /** Checks the token again, and each subscription's event against what its principal may see now. */
        void recheck() {
            if (!open || token == null) {
                return;
            }
            try {
                if (auth.fromToken(token).isEmpty()) {
                    fail("unauthorized", "token is invalid, expired or revoked");
                    return;
                }
                for (UUID eventId : subscriptions.keySet()) {
                    Optional<Event> event = events.findLive(eventId);
                    if (event.isEmpty() || !policy.canSee(principal, event.get())) {
                        endSubscription(eventId);
                    }
                }
            } catch (DeviceRevokedException e) {
                fail(DEVICE_REVOKED, e.getMessage());
            } catch (RuntimeException e) {
                // the database is unreachable: the next re-check decides
                LOG.warn("cannot re-check realtime client {}", ctx.sessionId(), e);
            }
        }

        void fail(String code, String message) {
            error(code, message);
            open = false;
            outbox.finish(() -> closeQuietly(POLICY_VIOLATION, code));
        }

        /** Closes with a reason, and drops the connection if the close frame cannot get through in time. */
        void disconnect(String reason) {
            LOG.info("disconnecting realtime client {}: {}", ctx.sessionId(), reason);
            closeQuietly(TOO_SLOW, reason);
        }

        void closeQuietly(int status, String reason) {
            open = false;
            outbox.close();
            try {
                ctx.session.close(status, reason, Callback.NOOP);
            } catch (RuntimeException ignored) {
                // already closed
            }
            try {
                // a closing session is no longer "open", yet it lingers until its close frame is written: ask whether
                // it was closed
                timer.schedule(() -> {
                    if (clients.get(ctx.sessionId()) == this) {
                        ctx.session.disconnect();
                    }
                }, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                ctx.session.disconnect();
            }
        }
    }
}
