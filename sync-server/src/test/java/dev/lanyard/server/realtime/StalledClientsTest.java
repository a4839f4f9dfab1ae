package dev.lanyard.server.realtime;

import static dev.lanyard.server.support.Fixture.DAY1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.LargeFeed;
import dev.lanyard.server.support.StalledWsClient;
import dev.lanyard.server.support.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kiosks whose network stalled must not hold up the others: a healthy kiosk keeps its
 * heartbeats on schedule and gets a pushed change at once, and the stalled ones are dropped
 * (they resume from their seq when they reconnect).
 */
class StalledClientsTest {
    /** A backlog of some 6 MB: more than the kernel buffers for a socket that is not read (about 3 MB on loopback). */
    private static final int PARTICIPANTS = 8_000;

    @TempDir
    Path dir;

    @Test
    void stalledClientsDelayNeitherAHealthyClientsChangesNorItsHeartbeats() throws Exception {
        LanyardServer server = new LanyardServer(Backend.H2.config(dir).wsSendTimeout(Duration.ofSeconds(3)).build())
                .start();
        List<StalledWsClient> stalled = new ArrayList<>();
        try (Fixture f = new Fixture(server)) {
            LargeFeed.addParticipants(f, PARTICIPANTS);
            String token = server.admin().tokenFor("oscar");
            for (int i = 0; i < 3; i++) {
                stalled.add(StalledWsClient.subscribeAndStall(server.port(), token, f.event.id(), 0));
            }
            WsClient healthy = new WsClient(server.baseUrl());
            healthy.send(new WsMessage.Auth(token));
            healthy.nextOfType("auth_ok");
            healthy.send(new WsMessage.Subscribe(f.event.id(), server.feedReader().lastSeq(f.event.id())));
            healthy.nextOfType("subscribed");
            healthy.received.clear();

            // the test server beats every 300 ms
            for (int beats = 0; beats < 5; beats++) {
                assertThat(nextWithin(healthy, "heartbeat", Duration.ofSeconds(2))).as("heartbeat %d", beats)
                        .isNotNull();
            }
            var op = Fixture.checkIn(Ids.newId(), DAY1, Set.of(), new Hlc(1_000, 0, "door-1"));
            assertThat(f.operator.post(f.eventPath() + "/ops", PushRequest.ofOps(null, List.of(op))).status())
                    .isEqualTo(200);
            JsonNode change = nextWithin(healthy, "changes", Duration.ofSeconds(2));
            assertThat(change).as("the pushed change").isNotNull();
            assertThat(change.get("changes").get(0).get("data").get("opId").asText()).isEqualTo(op.opId().toString());

            await().atMost(Duration.ofSeconds(30)).until(() -> server.webSocketConnections() == 1);
            healthy.close();
        } finally {
            for (StalledWsClient s : stalled) {
                s.close();
            }
        }
    }

    private static JsonNode nextWithin(WsClient client, String type, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode message = client.received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null || type.equals(message.path("type").asText())) {
                return message;
            }
        }
    }
}
