package dev.lanyard.kiosk.core.sync;

import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.Change;
import dev.lanyard.model.protocol.WsMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime WebSocket (Java-WebSocket): authenticate, subscribe to every event with the
 * last seq held, hand pushed changes on, watch the server's heartbeat, and reconnect with
 * backoff and jitter when the connection drops, re-subscribing by itself.
 *
 * <p>Everything happens on the scheduler given (one thread): socket callbacks only authenticate, parse and enqueue,
 * so messages are handled in order and a reconnect is always a scheduled task, never a call
 * made from inside the closing socket's {@code onClose}. Each attempt uses a fresh socket.
 *
 * <p>A frame of changes is parsed on the socket's own thread, while the scheduler applies the one before, and
 * at most {@value #FRAMES_AHEAD} wait for the scheduler: the socket's thread then stops reading, so a server
 * sending a long backlog faster than the replica applies it is held back by TCP (and by its own pacing), not
 * queued here whole (ADR 0328).
 *
 * <p>A live client ({@link #live}) subscribes with {@code subscribe_live} instead: no backlog, only the check-ins
 * doors push as fresh, handed to {@link Handler#live} (ADR 0236). A door runs one beside its feed socket, so the
 * room's new scans reach it while its feed socket is still catching up. Against a server that does not know live
 * subscriptions it stops for good.
 */
public final class RealtimeClient {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeClient.class);

    /** Messages parsed and waiting for the scheduler (frames of changes and the rest): one handled, one ready. */
    static final int FRAMES_AHEAD = 2;

    /** What the client reports; called on the scheduler thread. */
    public interface Handler {
        /**
         * Authenticated: the server is reachable. The client subscribes, with the seqs held then, when the stage
         * returned ends: a door sends its own changes before it takes on the other doors' (ADR 0333).
         */
        CompletionStage<?> connected();

        /** Changes pushed for an event, in seq order, their data read into records. */
        void changes(UUID eventId, List<FeedEntry> changes, long lastSeq);

        /** Changes pushed for an event that this version cannot read whole: the event's feed is pulled instead. */
        void unreadableChanges(UUID eventId);

        void disconnected(String reason);

        /** Fresh check-ins of an event on a live subscription, out of seq order (ADR 0236). */
        default void live(UUID eventId, List<FeedEntry> changes) {
        }
    }

    private final URI uri;
    private final Supplier<String> token;
    private final Supplier<Map<UUID, Long>> positions;
    private final Handler handler;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final CertificatePin pin;
    private final Duration heartbeatTimeout;
    private final Clock clock;
    private Socket socket;
    private boolean authenticated;
    private int failures;
    /**
     * When the server last authenticated this door, 0 when not since the last drop: a connection that stayed up
     * {@link #STABLE}, or {@link #delivered} changes, forgets the {@link #failures} before it; one that drops sooner
     * having delivered nothing counts as one more failure.
     */
    private long authenticatedAt;
    /**
     * Whether this connection delivered changes: one dropped after that (the server's 1013 for a door that fell behind
     * in a storm) starts the backoff over like one that stayed up; only one that delivered nothing counts as a failure.
     * Counting those too kept doors away for up to a minute in the storm (p50 door to door 8.0 s against 1.7 s).
     */
    private boolean delivered;
    /** How long a connection stays up before its drop starts the backoff over. */
    static final Duration STABLE = Duration.ofSeconds(30);
    /**
     * Messages whose handling failed since one was handled: a door that fails every frame reconnects ever more slowly
     * (a connection that stays up forgets {@link #failures}, not these).
     */
    private volatile int handlingFailures;
    private long lastHeard;
    private ScheduledFuture<?> reconnect;
    private ScheduledFuture<?> watchdog;
    private volatile boolean online;
    private final Revocation revocation;
    private volatile boolean stopped = true;
    private final Semaphore frameRoom = new Semaphore(FRAMES_AHEAD);
    private volatile boolean live;

    /**
     * @param heartbeatTimeout silence after which the connection counts as dead (the server beats every 30 s)
     */
    public RealtimeClient(URI uri, Supplier<String> token, Supplier<Map<UUID, Long>> positions, Handler handler,
                          ScheduledExecutorService scheduler, Backoff backoff, CertificatePin pin,
                          Duration heartbeatTimeout, Clock clock) {
        this(uri, token, positions, handler, scheduler, backoff, pin, heartbeatTimeout, clock, Revocation.IGNORED);
    }

    /** @param revocation told when the server says the host revoked this device */
    public RealtimeClient(URI uri, Supplier<String> token, Supplier<Map<UUID, Long>> positions, Handler handler,
                          ScheduledExecutorService scheduler, Backoff backoff, CertificatePin pin,
                          Duration heartbeatTimeout, Clock clock,
                          Revocation revocation) {
        this.revocation = revocation;
        this.uri = uri;
        this.token = token;
        this.positions = positions;
        this.handler = handler;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.pin = pin;
        this.heartbeatTimeout = heartbeatTimeout;
        this.clock = clock;
    }

    /** Makes this a live client (ADR 0236): call before {@link #start}. */
    public RealtimeClient live() {
        this.live = true;
        return this;
    }

    /** ws(s)://host:port/api/v1/realtime for a server base URL. */
    public static URI uriFor(String baseUrl) {
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + base.getRawPath() + "api/v1/realtime");
    }

    public void start() {
        scheduler.execute(() -> {
            if (!stopped) {
                return;
            }
            stopped = false;
            long period = Math.max(50, heartbeatTimeout.toMillis() / 4);
            watchdog = scheduler.scheduleAtFixedRate(this::checkHeartbeat, period, period, TimeUnit.MILLISECONDS);
            connect();
        });
    }

    public void stop() {
        scheduler.execute(() -> {
            stopped = true;
            if (reconnect != null) {
                reconnect.cancel(false);
            }
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            Socket s = socket;
            socket = null;
            markOffline("stopped");
            if (s != null) {
                s.close();
            }
        });
    }

    public boolean online() {
        return online;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        Socket s = new Socket(uri);
        if (pin != null && "wss".equals(uri.getScheme())) {
            s.setSocketFactory(pin.sslContext().getSocketFactory());
        }
        // our own watchdog reads the server's heartbeats; the library's ping timer would only duplicate it
        s.setConnectionLostTimeout(0);
        socket = s;
        authenticated = false;
        lastHeard = clock.millis();
        s.connect();
    }

    private void opened(Socket s) {
        if (s != socket) {
            return;
        }
        lastHeard = clock.millis();
    }

    private void received(Socket s, WsMessage message) {
        if (s != socket) {
            return;
        }
        lastHeard = clock.millis();
        if (message instanceof WsMessage.AuthOk) {
            authenticated = true;
            // not failures = 0 here: a server that authenticates and then closes was dialled again at once, for ever
            authenticatedAt = clock.millis();
            online = true;
            handler.connected().whenComplete((ignored, failure) -> s.submit(() -> subscribe(s)));
        } else if (message instanceof WsMessage.Error e) {
            LOG.warn("realtime: server says {}: {}", e.error(), abbreviated(e.message()));
            if (Revocation.CODE.equals(e.error())) {
                revocation.revoked(e.message());
            }
            if (live && authenticated && "invalid_message".equals(e.error())) {
                LOG.info("realtime: the server does not offer live subscriptions; this door sees fresh scans through"
                        + " its feed alone");
                stop();
            }
            if (!authenticated) {
                handler.disconnected("realtime: " + e.error() + ": " + e.message());
            }
        }
        // heartbeat and subscribed need nothing beyond lastHeard
    }

    /**
     * After the door's pushes; the socket may have closed meanwhile (an instance killed in the storm) with its
     * close still queued behind this: that close reconnects, and the next socket subscribes.
     */
    private void subscribe(Socket s) {
        if (s != socket || !authenticated) {
            return;
        }
        try {
            for (Map.Entry<UUID, Long> position : positions.get().entrySet()) {
                s.send(Json.write(live ? new WsMessage.SubscribeLive(position.getKey())
                        : new WsMessage.Subscribe(position.getKey(), position.getValue())));
            }
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("realtime: the socket closed before it was subscribed; its close reconnects");
        }
    }

    private void received(Socket s, Frame frame) {
        if (s != socket) {
            return;
        }
        lastHeard = clock.millis();
        if (frame.live()) {
            handler.live(frame.eventId(), frame.entries());
        } else {
            handler.changes(frame.eventId(), frame.entries(), frame.lastSeq());
        }
        handlingFailures = 0;
        delivered = true;
    }

    private void unreadable(Socket s, UUID eventId) {
        if (s != socket) {
            return;
        }
        lastHeard = clock.millis();
        handler.unreadableChanges(eventId);
    }

    /** The event of a {@code changes} message, or null when {@code text} is not one that names it. */
    static UUID eventOfChanges(String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode message = Json.mapper().readTree(text);
            if (message == null || !"changes".equals(message.path("type").asText())) {
                return null;
            }
            return UUID.fromString(message.path("eventId").asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A frame of changes as the socket's thread parsed it; {@code live}: fresh check-ins, out of seq order. */
    private record Frame(UUID eventId, List<FeedEntry> entries, long lastSeq, boolean live) {
        static Frame of(WsMessage.Changes changes) {
            return new Frame(changes.eventId(), entries(changes.changes()), changes.lastSeq(), false);
        }

        static Frame of(WsMessage.Live fresh) {
            return new Frame(fresh.eventId(), entries(fresh.changes()), -1, true);
        }

        private static List<FeedEntry> entries(List<Change> changes) {
            List<FeedEntry> entries = new ArrayList<>(changes.size());
            for (Change change : changes) {
                entries.add(FeedEntry.of(change));
            }
            return entries;
        }
    }

    private void closed(Socket s, int code, String reason) {
        if (s != socket) {
            return;
        }
        socket = null;
        markOffline("connection closed (" + code + (reason == null || reason.isBlank() ? "" : " " + reason) + ")");
        scheduleReconnect();
    }

    /** A server's text as the log takes it: its first 300 characters. */
    private static String abbreviated(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private void markOffline(String reason) {
        boolean was = online;
        online = false;
        authenticated = false;
        if (was) {
            handler.disconnected(reason);
        }
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        if (delivered || authenticatedAt > 0 && clock.millis() - authenticatedAt >= STABLE.toMillis()) {
            failures = 0;
        }
        authenticatedAt = 0;
        delivered = false;
        failures++;
        long delay = backoff.delay(failures + handlingFailures).toMillis();
        LOG.debug("realtime: reconnecting in {} ms (attempt {})", delay, failures);
        reconnect = scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void checkHeartbeat() {
        Socket s = socket;
        if (s != null && clock.millis() - lastHeard > heartbeatTimeout.toMillis()) {
            LOG.info("realtime: nothing heard for {} ms, reconnecting", clock.millis() - lastHeard);
            socket = null;
            markOffline("heartbeat lost");
            s.close();
            scheduleReconnect();
        }
    }

    /**
     * The pin identifies the server (ADR 0304): its self-signed certificate names neither the LAN
     * address nor the host name kiosks are paired with, so a pinned socket checks no host name, as
     * the pinned OkHttp client does. Unpinned, the check the library makes on {@code wss} stays.
     */
    static void identifyEndpoint(SSLParameters parameters, CertificatePin pin) {
        parameters.setEndpointIdentificationAlgorithm(pin == null ? "HTTPS" : null);
    }

    /** Socket callbacks come on the library's threads: they parse, then hand everything to the scheduler. */
    private final class Socket extends WebSocketClient {
        /** A message longer than a feed page is refused: the library closes the socket with 1009 (too big). */
        Socket(URI uri) {
            super(uri, new Draft_6455(List.of(), (int) AnswerLimit.FEED_PAGE_BYTES));
        }

        /**
         * Authenticates from the socket's own thread: the server closes a socket that says nothing within 10 s,
         * and the scheduler may be busy that long applying a backlog (seen in the reconnect storm).
         */
        @Override
        public void onOpen(ServerHandshake handshake) {
            String t = token.get();
            if (t == null) {
                close();
                return;
            }
            send(Json.write(new WsMessage.Auth(t)));
            submit(() -> opened(this));
        }

        @Override
        public void onMessage(String text) {
            WsMessage message;
            Frame frame = null;
            try {
                message = Json.read(text, WsMessage.class);
                if (message instanceof WsMessage.Changes changes) {
                    frame = Frame.of(changes);
                } else if (message instanceof WsMessage.Live fresh) {
                    frame = Frame.of(fresh);
                }
            } catch (RuntimeException e) { // what Json.read and FeedEntry throw among them
                UUID eventId = eventOfChanges(text);
                if (eventId == null) {
                    // a frame dropped here leaves a gap in the seqs, which the next frame's apply pulls
                    LOG.warn("realtime: unreadable message ignored: {}", e.getMessage());
                } else {
                    // a newer server's changes: the pull reads them entry by entry (ADR 0335)
                    LOG.warn("realtime: changes of event {} not readable whole, pulling them: {}", eventId,
                            e.getMessage());
                    if (awaitRoom()) {
                        submit(() -> unreadable(this, eventId), frameRoom::release);
                    }
                }
                return;
            }
            // every message waits for room on the door's one thread, not only frames: what waits there is bounded
            if (!awaitRoom()) {
                return;
            }
            if (frame == null) {
                submit(() -> received(this, message), frameRoom::release);
            } else {
                Frame parsed = frame;
                submit(() -> received(this, parsed), frameRoom::release);
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            submit(() -> closed(this, code, reason));
        }

        @Override
        protected void onSetSSLParameters(SSLParameters parameters) {
            identifyEndpoint(parameters, pin);
        }

        @Override
        public void onError(Exception ex) {
            LOG.debug("realtime socket error: {}", ex.toString());
        }

        /**
         * Blocks this socket's reading thread until a message fits, checking every second whether the client
         * stopped (a frame dropped then is pulled again from the seq held when it starts again).
         */
        private boolean awaitRoom() {
            try {
                while (!frameRoom.tryAcquire(1, TimeUnit.SECONDS)) {
                    if (stopped || scheduler.isShutdown() || isClosing() || isClosed()) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("realtime: interrupted while a frame waited to be applied; closing the socket");
                close();
                return false;
            }
        }

        /** Runs {@code task} on the scheduler, then {@code after}, also when the task fails or is refused. */
        private void submit(Runnable task, Runnable after) {
            try {
                scheduler.execute(() -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        // a scheduled executor keeps what a task threw in a future nobody reads; the server sends a
                        // change once, so the socket starts again: a reconnect subscribes from the seq held
                        LOG.warn("realtime: handling a message failed; reconnecting to be sent it again", e);
                        handlingFailures++;
                        close();
                    } finally {
                        after.run();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                after.run(); // shutting down
            }
        }

        private void submit(Runnable task) {
            submit(task, () -> { });
        }
    }
}
