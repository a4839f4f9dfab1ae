package dev.lanyard.kiosk.support;

import static dev.lanyard.server.db.jooq.Tables.CHANGE_LOG;
import static dev.lanyard.server.db.jooq.Tables.CHECKIN_OP;
import static dev.lanyard.server.db.jooq.Tables.CHECKIN_STATE;
import static dev.lanyard.server.db.jooq.Tables.PARTICIPANT;
import static dev.lanyard.server.db.jooq.Tables.PRIZE_DRAWING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskOptions;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.Role;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.model.protocol.LoginRequest;
import dev.lanyard.model.protocol.LoginResponse;
import dev.lanyard.model.protocol.PairingCodeResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.server.feed.FeedAppender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The real sync-server, in this JVM, with an organizer and one event: what the end-to-end tests run against. */
public final class LiveServer implements AutoCloseable {
    public static final String ORGANIZER = "olga";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    public final LanyardServer server;
    public final Event event;
    public final LocalDate today;

    private LiveServer(LanyardServer server, Event event, LocalDate today) {
        this.server = server;
        this.event = event;
        this.today = today;
    }

    public static LiveServer start(Path dir, boolean tls, ReentryPolicy policy) {
        return start(dir, 0, tls, policy);
    }

    /** On a given port, so that a kiosk paired with it finds it again after {@link #reopen}. */
    public static LiveServer start(Path dir, int port, boolean tls, ReentryPolicy policy) {
        return start(dir, "127.0.0.1", port, tls, policy);
    }

    /**
     * Listening on {@code host}: another loopback address reaches the server by a name its certificate does not hold.
     */
    public static LiveServer start(Path dir, String host, int port, boolean tls, ReentryPolicy policy) {
        return started(config(dir, host, port, tls), policy);
    }

    /**
     * Configured as the host command {@code serve --data DIR --port 0} configures it, with no TLS
     * flag (listening on every interface, self-signed certificate); only the bcrypt cost and the
     * heartbeat are the tests' own.
     */
    public static LiveServer startAsServeDoes(Path dir, ReentryPolicy policy) {
        ServerConfig asServed = dev.lanyard.server.cli.Main.serveConfig("--data", dir.toString(), "--port", "0");
        return started(asServed.toBuilder().bcryptCost(4).heartbeatInterval(Duration.ofMillis(500)).build(), policy);
    }

    private static LiveServer started(ServerConfig config, ReentryPolicy policy) {
        LanyardServer server = new LanyardServer(config).start();
        server.admin().createUser(ORGANIZER, "organizer-password", Set.of(Role.ORGANIZER));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Event event = server.admin().createEvent(new EventInput("Dev Summit", null, null, today.minusDays(1),
                today.plusDays(1),
                ZoneOffset.UTC, null, null, null, null, policy, null, null, null), ORGANIZER);
        return new LiveServer(server, event, today);
    }

    /** The server of this data folder started again (after {@link #close}), on {@code port}. */
    public static LiveServer reopen(Path dir, int port, Event event, LocalDate today) {
        return new LiveServer(new LanyardServer(config(dir, "127.0.0.1", port, false)).start(), event, today);
    }

    /** A host's cold backup: stops this server (of folder {@code dir}), copies it to {@code backup}, starts it. */
    public LiveServer backedUpTo(Path dir, Path backup) throws IOException {
        int port = server.port();
        close();
        Scratch.copy(dir, backup);
        return reopen(dir, port, event, today);
    }

    /**
     * A host's restore: stops this server (of folder {@code dir}), puts {@code backup}, an earlier copy of that folder,
     * in its place and starts it again on its port.
     */
    public LiveServer restoredFrom(Path dir, Path backup) throws IOException {
        int port = server.port();
        close();
        Scratch.delete(dir);
        Scratch.copy(backup, dir);
        return reopen(dir, port, event, today);
    }

    private static ServerConfig config(Path dir, String host, int port, boolean tls) {
        return ServerConfig.builder(dir).host(host).port(port).bcryptCost(4)
                .heartbeatInterval(Duration.ofMillis(500)).tlsSelfSigned(tls).build();
    }

    public String url() {
        return server.baseUrl();
    }

    public Participant add(String name, String email, String company) {
        Map<String, String> fields = new HashMap<>();
        fields.put("name", name);
        if (email != null) {
            fields.put("email", email);
        }
        if (company != null) {
            fields.put("company", company);
        }
        return server.admin().addParticipant(event.id(), fields);
    }

    public PairingCodeResponse pairingCode() {
        return server.admin().createPairingCode(event.id());
    }

    public static KioskOptions options(Path dir, Clock clock) {
        return Seed.options(dir, clock).withHeartbeatTimeout(Duration.ofSeconds(3)).withBatchSizes(200, 2_000);
    }

    /**
     * A kiosk paired with this server through {@code url} (a proxy, or the server itself), bootstrapped, sync started.
     */
    public Kiosk kiosk(Path dir, String name, String url, Clock clock) throws SyncException {
        Kiosk kiosk = paired(options(dir, clock), url, name, server.certificateFingerprint());
        kiosk.startSync();
        return kiosk;
    }

    /** A kiosk paired with this server directly, without a pin, and bootstrapped; its sync is not started. */
    public Kiosk paired(Path dir, String name, Clock clock) throws SyncException {
        return paired(options(dir, clock), url(), name, null);
    }

    /**
     * A kiosk opened with {@code options}, paired with this server through {@code url} (pinned to
     * {@code certSha256}, or not if null) and bootstrapped; its sync is not started. Closed again if
     * pairing or bootstrap fails.
     */
    public Kiosk paired(KioskOptions options, String url, String name, String certSha256) throws SyncException {
        Kiosk kiosk = Kiosk.open(options, true);
        try {
            kiosk.pair(url, pairingCode().code(), name, certSha256);
            kiosk.bootstrap(p -> { });
        } catch (SyncException | RuntimeException e) {
            kiosk.close();
            throw e;
        }
        return kiosk;
    }

    /**
     * Sets {@code fields} of a participant the way an organizer's browser does: logs in as
     * {@link #ORGANIZER} and sends a PATCH through the HTTP API, each answered 200.
     */
    public void organizerPatches(UUID participant, Map<String, String> fields) throws IOException {
        OkHttpClient http = new OkHttpClient();
        String token;
        try (Response r = http.newCall(new Request.Builder().url(url() + "/api/v1/auth/login")
                .post(RequestBody.create(Json.write(new LoginRequest(ORGANIZER, "organizer-password")), JSON)).build())
                .execute()) {
            assertThat(r.code()).isEqualTo(200);
            token = Json.read(r.body().string(), LoginResponse.class).token();
        }
        try (Response r = http.newCall(new Request.Builder()
                .url(url() + "/api/v1/events/" + event.id() + "/participants/" + participant)
                .header("Authorization", "Bearer " + token)
                .patch(RequestBody.create(Json.write(fields), JSON)).build()).execute()) {
            assertThat(r.code()).as(r.body().string()).isEqualTo(200);
        }
    }

    /** Participant id -> body as the server holds it (merged, with stamps). */
    public Map<UUID, Participant> participants() {
        Map<UUID, Participant> out = new TreeMap<>();
        server.database().dsl().select(PARTICIPANT.ID, PARTICIPANT.BODY).from(PARTICIPANT)
                .where(PARTICIPANT.EVENT_ID.eq(event.id()))
                .forEach(r -> out.put(r.value1(), Json.read(r.value2(), Participant.class)));
        return out;
    }

    /** "participantId/day" -> "checkedIn duplicate reentries" for every derived state row. */
    public Map<String, String> checkInStates() {
        Map<String, String> out = new TreeMap<>();
        server.database().dsl().selectFrom(CHECKIN_STATE).where(CHECKIN_STATE.EVENT_ID.eq(event.id()))
                .forEach(r -> out.put(r.getParticipantId() + "/" + r.getCheckinDay(),
                        r.getCheckedIn() + " " + r.getDuplicateAdmission() + " " + r.getReentries()));
        return out;
    }

    /** The prize drawings the server holds for the event. */
    public List<UUID> drawingIds() {
        return server.database().dsl().select(PRIZE_DRAWING.DRAWING_ID).from(PRIZE_DRAWING)
                .where(PRIZE_DRAWING.EVENT_ID.eq(event.id()))
                .fetch(PRIZE_DRAWING.DRAWING_ID);
    }

    public List<UUID> opIds() {
        return server.database().dsl().select(CHECKIN_OP.OP_ID).from(CHECKIN_OP)
                .where(CHECKIN_OP.EVENT_ID.eq(event.id()))
                .fetch(CHECKIN_OP.OP_ID);
    }

    /**
     * Appends a change to the event's feed as a newer server would write it: {@code type} and {@code body} as given,
     * whether or not this version knows them. The realtime pump is not told; kiosks see it when they pull.
     *
     * @return its seq
     */
    public long appendChange(String type, UUID entityId, String body) {
        return server.database().dsl().transactionResult(cfg -> {
            FeedAppender feed = FeedAppender.lock(cfg.dsl(), event.id());
            long seq = feed.append(ChangeType.EVENT, entityId, body);
            feed.finish();
            cfg.dsl().update(CHANGE_LOG).set(CHANGE_LOG.CHANGE_TYPE, type)
                    .where(CHANGE_LOG.EVENT_ID.eq(event.id())).and(CHANGE_LOG.SEQ.eq(seq)).execute();
            return seq;
        });
    }

    /** Rewrites the body of the change at {@code seq}: what an upgraded kiosk would read there instead. */
    public void replaceChange(long seq, String type, String body) {
        server.database().dsl().update(CHANGE_LOG).set(CHANGE_LOG.CHANGE_TYPE, type).set(CHANGE_LOG.BODY, body)
                .where(CHANGE_LOG.EVENT_ID.eq(event.id())).and(CHANGE_LOG.SEQ.eq(seq)).execute();
    }

    public long lastSeq() {
        return server.feedReader().lastSeq(event.id());
    }

    @Override
    public void close() {
        server.stop();
    }
}
