package dev.lanyard.server.realtime;

import static dev.lanyard.server.support.Fixture.DAY1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.feed.ChangeHub;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.WsClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live subscriptions (ADR 0236): a door's fresh check-ins reach the other doors' live sockets as they commit. */
class LiveSubscriptionTest {
    @TempDir
    Path dir;

    private static PairResponse pair(Fixture f, String name) {
        var code = f.server.admin().createPairingCode(f.event.id());
        return f.anonymous.post("/api/v1/devices/pair", Map.of("code", code.code(), "deviceName", name))
                .as(PairResponse.class);
    }

    private static WsClient liveSocket(Fixture f, PairResponse device) throws InterruptedException {
        WsClient ws = new WsClient(f.server.baseUrl());
        ws.send(new WsMessage.Auth(device.token()));
        ws.nextOfType("auth_ok");
        ws.send(new WsMessage.SubscribeLive(f.event.id()));
        ws.nextOfType("subscribed");
        return ws;
    }

    private static List<CheckInOp> ops(int n, long wall) {
        List<CheckInOp> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(Fixture.checkIn(Ids.newId(), DAY1, Set.of(), new Hlc(wall + i, 0, "door-2")));
        }
        return ops;
    }

    private static List<String> opIds(JsonNode live) {
        List<String> ids = new ArrayList<>();
        live.get("changes").forEach(c -> ids.add(c.get("data").get("opId").asText()));
        return ids;
    }

    @Test
    void aFreshPushReachesALiveSocketAsItCommitsWithNoBacklogBeforeIt() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            for (int i = 0; i < 3; i++) {
                f.server.admin().addParticipant(f.event.id(), Map.of("name", "P" + i));
            }
            Api door = new Api(f.server.baseUrl(), pair(f, "Door 2").token());
            try (WsClient live = liveSocket(f, pair(f, "Door 1"))) {
                CheckInOp op = ops(1, 1_000).get(0);
                assertThat(door.post(f.eventPath() + "/ops?live=true", PushRequest.ofOps(null, List.of(op))).status())
                        .isEqualTo(200);

                JsonNode first = live.nextOfType("live");
                assertThat(opIds(first)).containsExactly(op.opId().toString());
                assertThat(first.get("eventId").asText()).isEqualTo(f.event.id().toString());
                assertThat(first.get("changes").get(0).get("seq").asLong()).isGreaterThan(3);
                assertThat(live.received).noneMatch(m -> "changes".equals(m.path("type").asText()));
                assertThat(f.anonymous.get("/metrics").body())
                        .contains("lanyard_live_frames_total{outcome=\"sent\"} 1.0");
            }
        }
    }

    @Test
    void aPushNotMarkedFreshGoesOnlyToTheFeed() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Api door = new Api(f.server.baseUrl(), pair(f, "Door 2").token());
            try (WsClient live = liveSocket(f, pair(f, "Door 1"))) {
                door.post(f.eventPath() + "/ops", PushRequest.ofOps(null, ops(1, 1_000)));
                CheckInOp sentinel = ops(1, 2_000).get(0);
                door.post(f.eventPath() + "/ops?live=true", PushRequest.ofOps(null, List.of(sentinel)));

                assertThat(opIds(live.nextOfType("live"))).containsExactly(sentinel.opId().toString());
            }
        }
    }

    @Test
    void aFreshPushLargerThanALiveSignalGoesOnlyToTheFeed() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Api door = new Api(f.server.baseUrl(), pair(f, "Door 2").token());
            try (WsClient live = liveSocket(f, pair(f, "Door 1"))) {
                assertThat(door.post(f.eventPath() + "/ops?live=true",
                        PushRequest.ofOps(null, ops(ChangeHub.MAX_LIVE_SEQS + 1, 1_000))).status()).isEqualTo(200);
                CheckInOp sentinel = ops(1, 2_000).get(0);
                door.post(f.eventPath() + "/ops?live=true", PushRequest.ofOps(null, List.of(sentinel)));

                assertThat(opIds(live.nextOfType("live"))).containsExactly(sentinel.opId().toString());
            }
        }
    }

    /**
     * A fresh scan whose answer was lost goes again with a new one; the server answers the first as a retry with its
     * old seq. The live frame was read from that old seq, a page's worth at most, so in a storm (more than a page
     * committed in between) it carried the old scan, which the doors had, and not the new one.
     */
    @Test
    void aRetriedFreshScanDoesNotPushTheNewOneOutOfTheLiveFrame() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Api door = new Api(f.server.baseUrl(), pair(f, "Door 2").token());
            try (WsClient live = liveSocket(f, pair(f, "Door 1"))) {
                CheckInOp lostAnswer = ops(1, 1_000).get(0);
                door.post(f.eventPath() + "/ops?live=true", PushRequest.ofOps(null, List.of(lostAnswer)));
                assertThat(opIds(live.nextOfType("live"))).containsExactly(lostAnswer.opId().toString());
                assertThat(door.post(f.eventPath() + "/ops", PushRequest.ofOps(null, ops(1_500, 2_000))).status())
                        .isEqualTo(200);
                CheckInOp fresh = ops(1, 9_000).get(0);

                door.post(f.eventPath() + "/ops?live=true", PushRequest.ofOps(null, List.of(lostAnswer, fresh)));

                assertThat(opIds(live.nextOfType("live"))).containsExactly(fresh.opId().toString());
            }
        }
    }

    @Test
    void aSocketThatMayNotSeeTheEventGetsNoLiveSubscription() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient ws = new WsClient(f.server.baseUrl())) {
            // otto organizes other events
            ws.send(new WsMessage.Auth(f.server.admin().tokenFor("otto")));
            ws.nextOfType("auth_ok");
            ws.send(new WsMessage.SubscribeLive(f.event.id()));

            assertThat(ws.nextOfType("error").get("error").asText()).isEqualTo("not_found");
        }
    }
}
