package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.realtime.Realtime;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.WsClient;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * The token was looked up once, when the headers came (ADR 0240): a push whose body was trickled in until after
     * its device was revoked was written with the door's authority. Found by a review.
     */
    @Test
    void aPushWhoseBodyComesAfterItsDeviceWasRevokedIsRefused() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            PairResponse device = pair(f);
            byte[] body = Json.write(PushRequest.ofOps(null, List.of(Fixture.checkIn(Ids.newId(), Fixture.DAY1,
                    Set.of(), new Hlc(1_000, 0, device.deviceId().toString()))))).getBytes(StandardCharsets.UTF_8);
            URI base = URI.create(f.server.baseUrl());
            try (Socket push = new Socket(base.getHost(), base.getPort())) {
                push.setSoTimeout(30_000);
                OutputStream out = push.getOutputStream();
                out.write(("POST " + f.eventPath() + "/ops HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: "
                        + "Bearer " + device.token() + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, 8);
                out.flush();
                Thread.sleep(500); // the headers are in, and their token looked up

                f.server.admin().revokeDevice(device.deviceId());
                Thread.sleep(BearerAuth.LOOKUP_TRUSTED_NANOS / 1_000_000);
                out.write(body, 8, body.length - 8);
                out.flush();

                RawAnswer answer = RawAnswer.read(push);
                assertThat(answer.head()).startsWith("HTTP/1.1 401");
                assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("device_revoked");
            }
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
