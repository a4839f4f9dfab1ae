package dev.lanyard.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.protocol.WsMessage;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.WsClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: whatever ends a person's sessions also closes their open WebSockets, within a second. */
class SessionSocketsTest {
    @TempDir
    Path dir;

    private static WsClient open(Fixture f, String token) throws InterruptedException {
        WsClient ws = new WsClient(f.server.baseUrl());
        ws.send(new WsMessage.Auth(token));
        assertThat(ws.next().get("type").asText()).isEqualTo("auth_ok");
        return ws;
    }

    /** Olga's socket is closed by {@code action}; Otto's stays open and keeps being heard. */
    private void closesOlgasSocket(Consumer<Fixture> action) throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir);
             WsClient olga = open(f, f.server.admin().tokenFor("olga"));
             WsClient otto = open(f, f.server.admin().tokenFor("otto"))) {
            action.accept(f);
            assertThat(olga.closed.get(1, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
            assertThat(otto.closed).isNotDone();
            // the kiosk reconnects with the token it has and is refused
            try (WsClient again = new WsClient(f.server.baseUrl())) {
                again.send(new WsMessage.Auth(f.organizer.token()));
                assertThat(again.closed.get(5, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
            }
        }
    }

    @Test
    void aSocketThatAuthenticatesAgainIsClosed() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir);
             WsClient olga = open(f, f.server.admin().tokenFor("olga"))) {
            olga.send(new WsMessage.Auth(f.server.admin().tokenFor("otto")));

            assertThat(olga.closed.get(5, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
        }
    }

    @Test
    void disablingAUserClosesTheirSocket() throws Exception {
        closesOlgasSocket(f -> assertThat(f.admin.put("/api/v1/users/olga/disabled", Map.of("disabled", true)).status())
                .isEqualTo(204));
    }

    @Test
    void logoutClosesTheCallersSockets() throws Exception {
        closesOlgasSocket(f -> assertThat(f.organizer.post("/api/v1/auth/logout", null).status()).isEqualTo(204));
    }

    @Test
    void aPasswordResetClosesTheUsersSocket() throws Exception {
        closesOlgasSocket(f -> assertThat(f.admin.put("/api/v1/users/olga/password",
                Map.of("password", "reset-password")).status()).isEqualTo(204));
    }

    @Test
    void aPasswordChangeClosesTheUsersSocket() throws Exception {
        closesOlgasSocket(f -> assertThat(f.organizer.post("/api/v1/auth/password",
                Map.of("oldPassword", "organizer-password", "newPassword", "changed-password")).status())
                .isEqualTo(200));
    }

    @Test
    void aRoleEditClosesTheUsersSocket() throws Exception {
        closesOlgasSocket(f -> assertThat(f.admin.put("/api/v1/users/olga/roles", Map.of("roles", List.of("AUDITOR")))
                .status()).isEqualTo(204));
    }

    @Test
    void unassigningAnOperatorEndsTheirSubscriptionToTheEventWithinASecond() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir);
             WsClient oscar = open(f, f.server.admin().tokenFor("oscar"))) {
            oscar.send(new WsMessage.Subscribe(f.event.id(), 0L));
            oscar.nextOfType("subscribed");
            assertThat(f.organizer.delete(f.eventPath() + "/operators/oscar").status()).isEqualTo(204);
            JsonNode error = oscar.nextOfTypeWithin("error", 1_000);
            assertThat(error).as("an error for the event within a second").isNotNull();
            assertThat(error.get("error").asText()).isEqualTo("not_found");

            f.server.admin().addParticipant(f.event.id(), Map.of("name", "Arrived after"));
            JsonNode changes = oscar.nextOfTypeWithin("changes", 1_000);
            assertThat(changes == null ? "" : changes.toString()).doesNotContain("Arrived after");
            // the socket itself stays: its user may still see other events
            assertThat(oscar.closed).isNotDone();
        }
    }

    @Test
    void aRevokedDevicesSocketClosesWithinASecond() throws Exception {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Fixture.PairedDevice device = f.pairDevice();
            try (WsClient ws = open(f, device.api().token())) {
                assertThat(f.organizer.delete("/api/v1/devices/" + device.id()).status()).isEqualTo(204);
                assertThat(ws.closed.get(1, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
            }
        }
    }

    @Test
    void aSocketClosesWhenItsUserTokenExpires() throws Exception {
        var server = new dev.lanyard.server.LanyardServer(Backend.H2.config(dir)
                .userTokenLifetime(java.time.Duration.ofSeconds(2)).build()).start();
        try (Fixture f = new Fixture(server); WsClient olga = open(f, f.server.admin().tokenFor("olga"))) {
            // JWT expiry has whole seconds, so the close comes up to a second after the lifetime
            assertThat(olga.closed.get(6, TimeUnit.SECONDS)).isEqualTo(Realtime.POLICY_VIOLATION);
        }
    }
}
