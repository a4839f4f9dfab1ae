package dev.lanyard.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.WsClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A socket signing in while its device is revoked is closed like one signed in before: the revocation reached only
 * sockets whose principal was already set, and one whose token was checked just before the revocation committed kept
 * its access for good (device tokens do not expire). A race, so many sockets sign in at the moment of the revocation,
 * round after round; a review found survivors in its third round of 300.
 */
class RevocationDuringAuthTest {
    private static final int ROUNDS = 6;
    private static final int SOCKETS = 150;

    @TempDir
    Path dir;

    @Test
    void noSocketSigningInAsARevokedDoorStaysOpen() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            int survivors = 0;
            for (int round = 0; round < ROUNDS && survivors == 0; round++) {
                Fixture.PairedDevice door = f.pairDevice();
                String auth = Json.write(new WsMessage.Auth(door.api().token()));
                List<WsClient> sockets = new ArrayList<>();
                try {
                    for (int i = 0; i < SOCKETS; i++) {
                        sockets.add(new WsClient(f.server.baseUrl()));
                    }
                    Thread revoker = new Thread(() -> {
                        sleep(10);
                        f.server.admin().revokeDevice(door.id());
                    });
                    revoker.start();
                    sockets.forEach(ws -> ws.send(auth));
                    revoker.join();
                    sleep(2_000); // a revoked socket closes within a second (SECURITY.md)
                    for (WsClient ws : sockets) {
                        JsonNode first = ws.received.peek();
                        if (first != null && "auth_ok".equals(first.path("type").asText()) && !ws.closed.isDone()) {
                            survivors++;
                        }
                    }
                } finally {
                    sockets.forEach(WsClient::close);
                }
            }

            assertThat(survivors).as("sockets of the revoked door still open").isZero();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
