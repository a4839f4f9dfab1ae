package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.realtime.Realtime;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.WsClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A revoked device is told so, in words a kiosk can act on (it erases its replica, ADR 0315):
 * HTTP answers 401 {@code device_revoked}, the WebSocket's auth an error {@code device_revoked}.
 * Any other refused token stays a plain {@code unauthorized}, which a kiosk never wipes for.
 */
class DeviceRevokedAnswerTest {
    @TempDir
    Path dir;

    private PairResponse pair(Fixture f) {
        var code = f.server.admin().createPairingCode(f.event.id());
        return f.anonymous.post("/api/v1/devices/pair", Map.of("code", code.code(), "deviceName", "Door 1"))
                .as(PairResponse.class);
    }

    @Test
    void aRevokedDeviceGetsDeviceRevokedOverHttpAndWebSocket() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            PairResponse device = pair(f);
            Api kiosk = new Api(f.server.baseUrl(), device.token());
            assertThat(kiosk.get(f.eventPath()).status()).isEqualTo(200);

            assertThat(f.organizer.delete("/api/v1/devices/" + device.deviceId()).status()).isEqualTo(204);

            Api.Res answer = kiosk.get(f.eventPath() + "/changes?after=0");
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("error").asText()).isEqualTo("device_revoked");
            try (WsClient ws = new WsClient(f.server.baseUrl())) {
                ws.send(new WsMessage.Auth(device.token()));
                JsonNode error = ws.next();
                assertThat(error.get("type").asText()).isEqualTo("error");
                assertThat(error.get("error").asText()).isEqualTo("device_revoked");
                assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
            }
        }
    }

    @Test
    void anOpenSocketOfADeviceBeingRevokedIsToldDeviceRevoked() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir); WsClient ws = new WsClient(f.server.baseUrl())) {
            PairResponse device = pair(f);
            ws.send(new WsMessage.Auth(device.token()));
            assertThat(ws.next().get("type").asText()).isEqualTo("auth_ok");

            f.server.admin().revokeDevice(device.deviceId());

            JsonNode error = ws.nextOfType("error");
            assertThat(error.get("error").asText()).isEqualTo("device_revoked");
        }
    }

    @Test
    void anUnknownDeviceTokenOrAnExpiredUserTokenIsOnlyUnauthorized() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Api stranger = new Api(f.server.baseUrl(), "lyd_" + "A".repeat(43));
            Api.Res answer = stranger.get(f.eventPath());
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("error").asText()).isEqualTo("unauthorized");
            try (WsClient ws = new WsClient(f.server.baseUrl())) {
                ws.send(new WsMessage.Auth("lyd_" + "A".repeat(43)));
                assertThat(ws.next().get("error").asText()).isEqualTo("unauthorized");
            }
        }
    }
}
