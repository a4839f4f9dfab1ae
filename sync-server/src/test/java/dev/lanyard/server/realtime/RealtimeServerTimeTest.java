package dev.lanyard.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import dev.lanyard.server.support.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kiosk connected only by WebSocket still learns the server's time: at authentication and with every heartbeat. */
class RealtimeServerTimeTest {
    @TempDir
    Path dir;

    @Test
    void authOkAndHeartbeatsCarryTheServersClock() throws Exception {
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (Fixture f = new Fixture(new LanyardServer(Backend.H2.config(dir).build(), clock).start());
             WsClient ws = new WsClient(f.server.baseUrl())) {
            var code = f.server.admin().createPairingCode(f.event.id());
            PairResponse device = f.anonymous.post("/api/v1/devices/pair", Map.of("code", code.code()))
                    .as(PairResponse.class);
            clock.advance(Duration.ofSeconds(3));

            ws.send(new WsMessage.Auth(device.token()));
            JsonNode authOk = ws.nextOfType("auth_ok");
            JsonNode heartbeat = ws.nextOfType("heartbeat");

            assertThat(authOk.get("serverTime").asLong()).isEqualTo(clock.millis());
            assertThat(heartbeat.get("ts").asLong()).isEqualTo(clock.millis());
        }
    }
}
