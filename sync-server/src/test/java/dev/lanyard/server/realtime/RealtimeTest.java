package dev.lanyard.server.realtime;

import static dev.lanyard.server.support.Fixture.DAY1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The realtime WebSocket with a real client against a running server. */
class RealtimeTest {
    @TempDir
    Path dir;

    private PairResponse pairDevice(Fixture f) {
        var code = f.server.admin().createPairingCode(f.event.id());
        return f.anonymous.post("/api/v1/devices/pair", Map.of("code", code.code(), "deviceName", "Door 1"))
                .as(PairResponse.class);
    }

    private static List<Long> seqs(JsonNode changesMessage) {
        List<Long> seqs = new ArrayList<>();
        changesMessage.get("changes").forEach(c -> seqs.add(c.get("seq").asLong()));
        return seqs;
    }

    @Test
    void authFirstThenBacklogAfterSeqThenLiveChangesInOrderWithoutGaps() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient ws = new WsClient(f.server.baseUrl())) {
            PairResponse device = pairDevice(f);
            for (int i = 0; i < 3; i++) {
                f.server.admin().addParticipant(f.event.id(), Map.of("name", "P" + i));
            }
            ws.send(new WsMessage.Auth(device.token()));
            assertThat(ws.next().get("type").asText()).isEqualTo("auth_ok");
            ws.send(new WsMessage.Subscribe(f.event.id(), 2L));
            assertThat(ws.next().get("type").asText()).isEqualTo("subscribed");
            JsonNode backlog = ws.next();
            assertThat(backlog.get("type").asText()).isEqualTo("changes");
            assertThat(seqs(backlog)).containsExactly(3L, 4L);
            assertThat(backlog.get("lastSeq").asLong()).isEqualTo(4L);

            Api door = new Api(f.server.baseUrl(), device.token());
            List<Long> live = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                CheckInOp op = Fixture.checkIn(Ids.newId(), DAY1, Set.of(), new Hlc(1_000 + i, 0, "door-1"));
                assertThat(door.post(f.eventPath() + "/ops", PushRequest.ofOps(null, List.of(op))).status())
                        .isEqualTo(200);
            }
            while (live.size() < 5) {
                JsonNode message = ws.next();
                assertThat(message.get("type").asText()).isEqualTo("changes");
                live.addAll(seqs(message));
            }
            assertThat(live).containsExactly(5L, 6L, 7L, 8L, 9L);

            // one more change: every change message before it would have arrived first, so a resent
            // 5..9 would show up here (heartbeats in between are skipped by next())
            CheckInOp sentinel = Fixture.checkIn(Ids.newId(), DAY1, Set.of(), new Hlc(2_000, 0, "door-1"));
            assertThat(door.post(f.eventPath() + "/ops", PushRequest.ofOps(null, List.of(sentinel))).status())
                    .isEqualTo(200);
            List<Long> after = new ArrayList<>();
            while (!after.contains(10L)) {
                JsonNode message = ws.next();
                assertThat(message.get("type").asText()).isEqualTo("changes");
                after.addAll(seqs(message));
            }
            assertThat(after).containsExactly(10L);
        }
    }

    @Test
    void heartbeatsArriveAtTheConfiguredInterval() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient ws = new WsClient(f.server.baseUrl())) {
            ws.send(new WsMessage.Auth(f.server.admin().tokenFor("olga")));
            assertThat(ws.next().get("type").asText()).isEqualTo("auth_ok");
            ws.nextOfType("heartbeat");
            long first = ws.nextOfType("heartbeat").get("ts").asLong();
            long second = ws.nextOfType("heartbeat").get("ts").asLong();

            // the server stamps each beat when it sends it, so the gap is the server's schedule (300 ms in
            // tests), not the test machine's delivery; the upper bound only absorbs a loaded machine
            assertThat(second - first).isBetween(250L, 3_000L);
        }
    }

    @Test
    void aMessageBeforeAuthIsAnErrorAndClosesTheSocket() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient ws = new WsClient(f.server.baseUrl())) {
            ws.send(new WsMessage.Subscribe(f.event.id(), 0L));
            JsonNode error = ws.next();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("error").asText()).isEqualTo("unauthorized");
            assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
        }
    }

    @Test
    void malformedMessageIsAnErrorNamingTheProblemAndTheSocketStaysUsable() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient ws = new WsClient(f.server.baseUrl())) {
            ws.send(new WsMessage.Auth(f.server.admin().tokenFor("olga")));
            ws.next();
            ws.send("{\"type\":\"subscribe\",\"eventId\":\"not-a-uuid\"}");
            JsonNode error = ws.next();
            assertThat(error.get("error").asText()).isEqualTo("invalid_message");
            assertThat(error.get("message").asText()).contains("eventId");
            ws.send(new WsMessage.Subscribe(f.event.id(), 0L));
            assertThat(ws.next().get("type").asText()).isEqualTo("subscribed");
        }
    }

    @Test
    void subscribingToAForeignEventIsNotFound() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient ws = new WsClient(f.server.baseUrl())) {
            ws.send(new WsMessage.Auth(f.server.admin().tokenFor("otto")));
            ws.next();
            ws.send(new WsMessage.Subscribe(f.event.id(), 0L));
            JsonNode error = ws.next();
            assertThat(error.get("error").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void revokingADeviceClosesItsOpenSocketWithinASecond() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient ws = new WsClient(f.server.baseUrl())) {
            PairResponse device = pairDevice(f);
            ws.send(new WsMessage.Auth(device.token()));
            ws.next();
            assertThat(f.organizer.delete("/api/v1/devices/" + device.deviceId()).status()).isEqualTo(204);
            assertThat(ws.closed.get(1, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
            assertThat(new Api(f.server.baseUrl(), device.token()).get(f.eventPath()).status()).isEqualTo(401);
        }
    }

    /**
     * The server sends a change once: a client whose feed page could not be read (the pool timed out, the database
     * failed) heard of it only with the event's next change, however long that took. Closed, it reconnects and
     * subscribes again from the seq it holds.
     */
    @Test
    void aClientWhoseFeedCannotBeReadIsClosedWith1011SoItSubscribesAgain() throws Exception {
        assertThat(closeOnSubscribingWithout("change_log")).isEqualTo(Realtime.SERVER_ERROR);
    }

    /** A subscription whose event cannot be read is not left waiting without an answer or a page. */
    @Test
    void aClientWhoseEventCannotBeReadIsClosedWith1011SoItSubscribesAgain() throws Exception {
        assertThat(closeOnSubscribingWithout("lanyard_event")).isEqualTo(Realtime.SERVER_ERROR);
    }

    /** The close code a signed-in client gets when it subscribes while {@code table} cannot be read. */
    private int closeOnSubscribingWithout(String table) throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient ws = new WsClient(f.server.baseUrl())) {
            PairResponse device = pairDevice(f);
            ws.send(new WsMessage.Auth(device.token()));
            assertThat(ws.next().get("type").asText()).isEqualTo("auth_ok");
            f.server.database().dsl().execute("alter table " + table + " rename to " + table + "_away");

            ws.send(new WsMessage.Subscribe(f.event.id(), 0L));

            return ws.closed.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void afterAServerRestartAClientRecoversEverythingByPullingFromItsLastSeq() throws Exception {
        var config = Backend.H2.config(dir).build();
        long lastSeen;
        java.util.UUID eventId;
        String token;
        try (Fixture f = new Fixture(new LanyardServer(config).start()); WsClient ws =
                new WsClient(f.server.baseUrl())) {
            eventId = f.event.id();
            token = f.server.admin().tokenFor("olga");
            ws.send(new WsMessage.Auth(token));
            ws.next();
            ws.send(new WsMessage.Subscribe(eventId, 0L));
            ws.next();
            lastSeen = ws.next().get("lastSeq").asLong();
        }
        try (LanyardServer restarted = new LanyardServer(config).start()) {
            restarted.admin().addParticipant(eventId, Map.of("name", "Late"));
            Api api = new Api(restarted.baseUrl(), restarted.admin().tokenFor("olga"));
            JsonNode page = api.get("/api/v1/events/" + eventId + "/changes?after=" + lastSeen).json();
            assertThat(page.get("changes")).hasSize(1);
            assertThat(page.get("changes").get(0).get("data").get("name").asText()).isEqualTo("Late");
            await().atMost(Duration.ofSeconds(5)).until(() -> restarted.webSocketConnections() == 0);
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        var config = Backend.H2.config(dir).heartbeatInterval(Duration.ofSeconds(60))
                .wsIdleTimeout(Duration.ofMillis(800)).build();
        try (Fixture f = new Fixture(new LanyardServer(config).start()); WsClient ws =
                new WsClient(f.server.baseUrl())) {
            ws.send(new WsMessage.Auth(f.server.admin().tokenFor("olga")));
            ws.next();
            assertThat(ws.closed.get(10, TimeUnit.SECONDS)).isNotNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.server.webSocketConnections() == 0);
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesTheConnectionWith1009() throws Exception {
        var config = Backend.H2.config(dir).wsMaxMessageBytes(4_096).build();
        try (Fixture f = new Fixture(new LanyardServer(config).start()); WsClient ws =
                new WsClient(f.server.baseUrl())) {
            ws.send("{\"type\":\"auth\",\"token\":\"" + "x".repeat(5_000) + "\"}");
            assertThat(ws.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
            assertThat(f.anonymous.get("/health").status()).isEqualTo(200);
        }
    }
}
