package dev.lanyard.server.realtime;

import dev.lanyard.model.Event;
import dev.lanyard.model.json.InvalidMessageException;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.auth.AccessPolicy;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.feed.ChangeHub;
import dev.lanyard.server.feed.FeedReader;
import dev.lanyard.server.http.Authenticator;
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
 * sends what it reads from the change table after its own last sent seq, under its session's
 * lock. Hub signals merely say "look again", so a lost, late or doubled signal cannot break it.
 */
public final class Realtime implements ChangeHub.Listener, AutoCloseable {
    public static final int POLICY_VIOLATION = 1008;
    private static final Logger LOG = LoggerFactory.getLogger(Realtime.class);
    private static final int PAGE = 1_000;
    private final Authenticator auth;
    private final EventService events;
    private final AccessPolicy policy;
    private final FeedReader feed;
    private final Metrics metrics;
    private final Duration authTimeout;
    private final Clock clock;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lanyard-ws-timer"));
    private final ExecutorService pumps = Executors.newFixedThreadPool(4, r -> daemon(r, "lanyard-ws-pump"));

    public Realtime(Authenticator auth, EventService events, AccessPolicy policy, FeedReader feed, Metrics metrics,
                    Duration heartbeat, Duration authTimeout, Clock clock) {
        this.auth = auth;
        this.events = events;
        this.policy = policy;
        this.feed = feed;
        this.metrics = metrics;
        this.authTimeout = authTimeout;
        this.clock = clock;
        long period = Math.max(10, heartbeat.toMillis());
        timer.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
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
                metrics.wsClosed();
            }
        });
        ws.onError(ctx -> LOG.debug("websocket error on {}", ctx.sessionId(), ctx.error()));
    }

    @Override
    public void changesCommitted(UUID eventId, long lastSeq) {
        for (Client client : clients.values()) {
            Subscription sub = client.subscriptions.get(eventId);
            if (sub != null && sub.lastSent < lastSeq) {
                client.schedulePump(sub);
            }
        }
    }

    @Override
    public void deviceRevoked(UUID deviceId) {
        for (Client client : clients.values()) {
            if (client.principal instanceof Principal.Device d && d.deviceId().equals(deviceId)) {
                client.fail("revoked", "this device's token was revoked");
            }
        }
    }

    public int connections() {
        return clients.size();
    }

    private void heartbeat() {
        String beat = Json.write(new WsMessage.Heartbeat(clock.millis()));
        for (Client client : clients.values()) {
            if (client.principal != null) {
                client.send(beat);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pumps.shutdownNow();
        for (Client client : clients.values()) {
            client.closeQuietly(1001, "server shutting down");
        }
    }

    private static final class Subscription {
        final UUID eventId;
        volatile long lastSent;
        final AtomicBoolean pending = new AtomicBoolean();

        Subscription(UUID eventId, long afterSeq) {
            this.eventId = eventId;
            this.lastSent = afterSeq;
        }
    }

    private final class Client {
        private final WsContext ctx;
        private final Object sendLock = new Object();
        private final Map<UUID, Subscription> subscriptions = new ConcurrentHashMap<>();
        private volatile Principal principal;
        private volatile boolean open = true;

        Client(WsContext ctx) {
            this.ctx = ctx;
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
                Optional<Principal> who = auth.fromToken(a.token());
                if (who.isEmpty()) {
                    fail("unauthorized", "token is invalid, expired or revoked");
                    return;
                }
                principal = who.get();
                send(Json.write(new WsMessage.AuthOk(principal.name(), clock.millis())));
                return;
            }
            if (principal == null) {
                fail("unauthorized", "send {\"type\":\"auth\",\"token\":...} first");
                return;
            }
            if (message instanceof WsMessage.Subscribe s) {
                subscribe(s);
            } else if (message instanceof WsMessage.Unsubscribe u) {
                subscriptions.remove(u.eventId());
            } else {
                error("invalid_message", "clients may send auth, subscribe and unsubscribe");
            }
        }

        private void subscribe(WsMessage.Subscribe s) {
            Optional<Event> event = events.findLive(s.eventId());
            if (event.isEmpty() || !policy.canSee(principal, event.get())) {
                error("not_found", "event " + s.eventId() + " not found");
                return;
            }
            Subscription sub = new Subscription(s.eventId(), s.afterSeq());
            synchronized (sendLock) {
                subscriptions.put(s.eventId(), sub);
                send(Json.write(new WsMessage.Subscribed(s.eventId(), s.afterSeq())));
            }
            schedulePump(sub);
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

        /** Sends everything after the subscription's last sent seq. */
        private void pump(Subscription sub) {
            try {
                synchronized (sendLock) {
                    while (open && subscriptions.get(sub.eventId) == sub) {
                        FeedReader.RawPage page = feed.page(sub.eventId, sub.lastSent, PAGE);
                        if (page.changes().isEmpty()) {
                            return;
                        }
                        StringBuilder out = new StringBuilder(4096);
                        out.append("{\"type\":\"changes\",\"eventId\":\"").append(sub.eventId).append("\",\"changes\":[");
                        for (int i = 0; i < page.changes().size(); i++) {
                            if (i > 0) {
                                out.append(',');
                            }
                            page.changes().get(i).writeJson(out);
                        }
                        out.append("],\"lastSeq\":").append(page.lastSeq()).append('}');
                        if (!send(out.toString())) {
                            return;
                        }
                        page.changes().forEach(c -> metrics.feedDelivered(c.committedAt()));
                        sub.lastSent = page.lastSeq();
                        if (!page.hasMore()) {
                            return;
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("realtime delivery for event {} failed; the client will catch up by pulling", sub.eventId, e);
            }
        }

        /** Sends one text frame and waits until it is written, so frames leave in the order they were sent. */
        boolean send(String text) {
            synchronized (sendLock) {
                if (!open || !ctx.session.isOpen()) {
                    return false;
                }
                Callback.Completable done = new Callback.Completable();
                ctx.session.sendText(text, done);
                try {
                    done.get(30, TimeUnit.SECONDS);
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    closeQuietly(1011, "send failed");
                    return false;
                }
            }
        }

        void error(String code, String message) {
            send(Json.write(new WsMessage.Error(code, message)));
        }

        void fail(String code, String message) {
            error(code, message);
            closeQuietly(POLICY_VIOLATION, code);
        }

        void closeQuietly(int status, String reason) {
            open = false;
            try {
                ctx.session.close(status, reason, Callback.NOOP);
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
    }
}
