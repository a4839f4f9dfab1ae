package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Event;
import dev.lanyard.model.Role;
import dev.lanyard.model.protocol.PairingCodeResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guessing pairing codes is held up per client and for all clients together. */
class PairingLimitTest {
    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T09:00:00Z"));

    private static Api.Res pair(Api api, String code) {
        return api.post("/api/v1/devices/pair", Map.of("code", code, "deviceName", "door"));
    }

    @Test
    void oneClientGuessingCodesIsHeldUpAndTheRightCodeStillWorksAfterTheDelay() {
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).pairingCodeLifetime(Duration.ofHours(1))
                .build(), clock).start()) {
            server.admin().createUser("olga", "organizer-password", Set.of(Role.ORGANIZER));
            Event event = server.admin().createEvent(Fixture.eventInput("Guessed"), "olga");
            PairingCodeResponse code = server.admin().createPairingCode(event.id());
            Api guesser = new Api(server.baseUrl(), null);
            int tried = 0;
            int refused = 0;
            for (int i = 0; i < 1_000; i++) {
                int status = pair(guesser, String.format("%010d", i)).status();
                if (status == 429) {
                    refused++;
                } else {
                    assertThat(status).isEqualTo(400);
                    tried++;
                }
            }
            assertThat(tried).as("guesses the server looked at").isEqualTo(6);
            Api.Res locked = pair(guesser, code.code());
            assertThat(locked.status()).as("even the right code waits out the lock").isEqualTo(429);
            assertThat(locked.headers().firstValue("Retry-After")).hasValue("1");

            clock.advance(Duration.ofSeconds(1));
            assertThat(pair(guesser, code.code()).status()).isEqualTo(200);
        }
    }

    @Test
    void manyClientsTogetherAreHeldUpByTheLimitOnAllPairings() {
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).trustedProxies(List.of("127.0.0.1"))
                .build(), clock).start()) {
            Api proxy = new Api(server.baseUrl(), null);
            int tried = 0;
            for (int client = 0; client < 50; client++) {
                Api one = proxy.forwardedFor("10.1." + client + ".1");
                for (int i = 0; i < 5; i++) {
                    if (pair(one, "GUESS" + client + "X" + i).status() == 400) {
                        tried++;
                    }
                }
            }
            assertThat(tried).as("250 guesses from 50 addresses, each under its own limit").isEqualTo(101);
            Api.Res fresh = pair(proxy.forwardedFor("10.9.9.9"), "ANOTHERGUESS");
            assertThat(fresh.status()).isEqualTo(429);
            assertThat(fresh.json().get("message").asText()).contains("pairing");
        }
    }
}
